"""An isolated web network through the cloudstack provider plugin, and a second network in
another account through an explicit provider. The `pulumi_cloudstack` module is the SDK that
`pulumi package add` generates from the package's schema.json (docs/languages/python.md)."""

import pulumi
import pulumi_cloudstack as cloudstack

config = pulumi.Config()
zone = config.get("zone") or "Sandbox-simulator"
offering = "DefaultIsolatedNetworkOfferingWithSourceNatService"

# The default provider: the stack's cloudstack:apiUrl, cloudstack:apiKey, cloudstack:secretKey.
web = cloudstack.Network(
    "web",
    name="web-tier",
    zone=zone,
    network_offering=offering,
    cidr="10.1.1.0/24",
    network_domain="web.internal",
    tags={"tier": "web"},
)

# A second account on the same cloud: its own keys, its own provider process.
other_account = cloudstack.Provider(
    "other-account",
    api_url=pulumi.Config("cloudstack").require("apiUrl"),
    api_key=config.require("otherApiKey"),
    secret_key=config.require_secret("otherSecretKey"),
)

partner = cloudstack.Network(
    "partner",
    name="partner-tier",
    zone=zone,
    network_offering=offering,
    cidr="10.1.2.0/24",
    opts=pulumi.ResourceOptions(provider=other_account),
)

pulumi.export("web_id", web.id)
pulumi.export("web_state", web.state)
pulumi.export("partner_id", partner.id)
pulumi.export("partner_account", partner.account)
