// Compares the simulator's answers with real CloudStack responses (shared/cloudstack-api/samples):
// every key a sample object has must be in the simulator's object with the same JSON type,
// recursively, unless the allow-list below names it with the reason.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { startFixture, type Fixture, type Obj } from "./api/api-fixture";

// The API reference kept beside the repository (../shared), or where CLOUDSTACK_API_REFERENCE says.
const SAMPLES_DIR = process.env.CLOUDSTACK_API_REFERENCE
  ? path.resolve(process.env.CLOUDSTACK_API_REFERENCE, "samples")
  : path.resolve(__dirname, "../../../../shared/cloudstack-api/samples");
const IMPLEMENTED = path.resolve(__dirname, "../../../simulator/data/implemented-commands.txt");
const COMMAND_FACTS = path.resolve(__dirname, "../../../simulator/data/commands.json");

/** Sample keys the simulator leaves out on purpose: "command:path", path segments joined by ".". */
const ALLOWED_MISSING: Record<string, string> = {
  // The sample account carries custom details; simulator accounts have none (the map is there, empty).
  "listAccounts:accountdetails.key0": "no account details in the default topology",
  "listAccounts:accountdetails.key1": "no account details in the default topology",
  // Recent CloudStack returns secret keys only through getUserKeys, not in listAccounts.
  "listAccounts:user.secretkey": "secret keys are not listed (getUserKeys returns them)",
  // The sample domain is a child domain; the default topology has ROOT only, which has no parent.
  "listDomains:parentdomainid": "ROOT has no parent domain",
  "listDomains:parentdomainname": "ROOT has no parent domain",
  // The sample offering is tied to a system service offering; the simulator models no service offerings.
  "listNetworkOfferings:serviceofferingid": "service offerings are not modelled",
  "createNetworkOffering:serviceofferingid": "service offerings are not modelled",
  "updateNetworkOffering:serviceofferingid": "service offerings are not modelled",
  // CloudStack fills an object's latest-job fields when the job's own result carries it; the wire layer does not.
  "deployVirtualMachine:virtualmachine.jobid": "an object's latest-job fields are not filled in",
  "deployVirtualMachine:virtualmachine.jobstatus": "an object's latest-job fields are not filled in",
  // CloudStack records this capacity bookkeeping detail on instances it has started; the simulator keeps no such details.
  "listVirtualMachines:details.Message.ReservedCapacityFreed.Flag": "capacity bookkeeping details are not modelled",
  // A public IP's source network is the zone's Public system network, which the simulator does not model.
  "associateIpAddress:ipaddress.networkid": "the zone's Public system network is not modelled",
};

type JsonType = "null" | "array" | "object" | "string" | "number" | "boolean";
const jsonType = (v: unknown): JsonType => (v === null ? "null" : Array.isArray(v) ? "array" : (typeof v as JsonType));

/** Problems found comparing a sample value with the simulator's value at the same place. */
function compare(command: string, sample: unknown, actual: unknown, at: string[], problems: string[]): void {
  const where = at.join(".");
  if (jsonType(sample) !== jsonType(actual)) {
    problems.push(`${where}: sample is ${jsonType(sample)}, simulator gives ${jsonType(actual)}`);
    return;
  }
  if (Array.isArray(sample) && Array.isArray(actual)) {
    for (const item of sample) {
      if (actual.length === 0) return;
      // Items with a name (services, capabilities) are matched by name, others by position.
      const name = typeof item === "object" && item !== null ? (item as Obj).name : undefined;
      const match =
        name !== undefined ? actual.find((a) => typeof a === "object" && a !== null && (a as Obj).name === name) : actual[sample.indexOf(item)] ?? actual[0];
      if (match !== undefined) compare(command, item, match, at, problems);
    }
    return;
  }
  if (jsonType(sample) === "object") {
    const s = sample as Obj;
    const a = actual as Obj;
    for (const key of Object.keys(s)) {
      const keyPath = [...at, key].join(".");
      if (!(key in a)) {
        if (!(`${command}:${keyPath}` in ALLOWED_MISSING)) problems.push(`${keyPath}: missing`);
        continue;
      }
      compare(command, s[key], a[key], [...at, key], problems);
    }
  }
}

interface CommandFact {
  isAsync: boolean;
  isList: boolean;
  objectName: string | null;
  responseName: string;
}

describe("simulator answers match real CloudStack samples", function () {
  this.timeout(30_000);
  let f: Fixture;
  const samples = new Map<string, Obj>();
  const implemented = fs
    .readFileSync(IMPLEMENTED, "utf8")
    .split("\n")
    .map((l) => l.replace(/#.*/, "").trim())
    .filter(Boolean);
  const facts = (JSON.parse(fs.readFileSync(COMMAND_FACTS, "utf8")) as { commands: Record<string, CommandFact> }).commands;

  // A missing reference fails this suite with a message, not the whole mocha run at load time.
  const sampleFiles = fs.existsSync(SAMPLES_DIR) ? fs.readdirSync(SAMPLES_DIR).filter((n) => n.endsWith(".json")) : [];
  for (const file of sampleFiles) {
    const data = JSON.parse(fs.readFileSync(path.join(SAMPLES_DIR, file), "utf8")) as Record<string, Obj>;
    for (const [command, envelope] of Object.entries(data)) samples.set(command, envelope);
  }

  before(async () => {
    f = await startFixture();
  });
  after(() => f.sim.close());

  const newNetwork = async (): Promise<string> => {
    const r = await f.call(f.admin, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: "testIsolatedNet",
    });
    return String((r.body.network as Obj).id);
  };

  const deployParams = async (): Promise<Record<string, string>> => ({
    zoneid: await f.zoneId(),
    serviceofferingid: String((await f.list(f.admin, "listServiceOfferings", { name: "Small Instance" }))[0].id),
    templateid: String((await f.list(f.admin, "listTemplates", { templatefilter: "featured", name: "CentOS 5.6 (64-bit) no GUI (Simulator)" }))[0].id),
    networkids: await newNetwork(),
    name: "testDummyVM",
  });

  // Shared networks (VLAN 300 up, subnet 10.60.0.0/24 up), each with a guest range: their ranges carry a networkid as the samples do.
  let sharedSubnet = 59;
  const newSharedNetwork = async (): Promise<string> => {
    sharedSubnet += 1;
    const r = await f.call(f.admin, "createNetwork", {
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultSharedNetworkOffering"),
      name: "testSharedNet",
      vlan: String(240 + sharedSubnet),
      gateway: `10.${sharedSubnet}.0.1`,
      netmask: "255.255.255.0",
      startip: `10.${sharedSubnet}.0.10`,
      endip: `10.${sharedSubnet}.0.11`,
    });
    return String((r.body.network as Obj).id);
  };
  const sharedRangeId = async (): Promise<string> =>
    String((await f.list(f.admin, "listVlanIpRanges", { networkid: await newSharedNetwork() }))[0].id);

  const newVpc = async (): Promise<string> => {
    const job = await f.job(f.admin, "createVPC", {
      zoneid: await f.zoneId(),
      vpcofferingid: String((await f.list(f.admin, "listVPCOfferings", { name: "Default VPC offering" }))[0].id),
      name: "my-vpc",
      cidr: "10.0.0.0/8",
      networkdomain: "my-domain",
    });
    return String((job.jobresult as Obj & { vpc: Obj }).vpc.id);
  };

  // A public IP of a new isolated network, and a rule created and waited for (traffic rule samples).
  const newIp = async (): Promise<string> => {
    const job = await f.job(f.admin, "associateIpAddress", { networkid: await newNetwork() });
    return String((job.jobresult as Obj & { ipaddress: Obj }).ipaddress.id);
  };
  const newRule = async (command: string, params: Record<string, string>, objectName: string): Promise<string> => {
    const job = await f.job(f.admin, command, params);
    return String((job.jobresult as Record<string, Obj>)[objectName].id);
  };

  const newOffering = async (): Promise<string> => {
    const r = await f.call(f.admin, "createNetworkOffering", { name: "sample-offering", traffictype: "Guest", guestiptype: "L2" });
    return String((r.body.networkoffering as Obj).id);
  };

  /** Parameters that make each command answer with an object like its sample's. */
  const paramsFor: Record<string, () => Promise<Record<string, string>>> = {
    createNetwork: async () => ({
      zoneid: await f.zoneId(),
      networkofferingid: await f.offeringId("DefaultIsolatedNetworkOfferingWithSourceNatService"),
      name: "testIsolatedNet",
    }),
    listNetworks: async () => ({ id: await newNetwork() }),
    deleteNetwork: async () => ({ id: await newNetwork() }),
    listNetworkOfferings: async () => ({ name: "DefaultL2NetworkOffering" }),
    listConfigurations: async () => ({ name: "allow.user.create.projects" }),
    updateConfiguration: async () => ({ name: "allow.user.create.projects", value: "false" }),
    createTags: async () => ({ resourcetype: "Network", resourceids: await newNetwork(), "tags[0].key": "k", "tags[0].value": "v" }),
    deleteTags: async () => {
      const id = await newNetwork();
      await f.job(f.admin, "createTags", { resourcetype: "Network", resourceids: id, "tags[0].key": "k", "tags[0].value": "v" });
      return { resourcetype: "Network", resourceids: id, "tags[0].key": "k" };
    },
    listAccounts: async () => ({ name: "admin" }),
    listAsyncJobs: async () => {
      await f.job(f.admin, "deleteNetwork", { id: await newNetwork() });
      return {};
    },
    listApis: async () => ({ name: "listZones" }),
    listVPCs: async () => ({ id: await newVpc() }),
    restartVPC: async () => ({ id: await newVpc() }),
    updateNetworkACLList: async () => {
      const job = await f.job(f.admin, "createNetworkACLList", { name: "test", description: "testtest", vpcid: await newVpc() });
      return { id: String((job.jobresult as Obj & { networkacllist: Obj }).networkacllist.id), description: "testtest" };
    },
    deployVirtualMachine: async () => deployParams(),
    listVirtualMachines: async () => {
      const job = await f.job(f.admin, "deployVirtualMachine", await deployParams());
      return { id: String((job.jobresult as Obj & { virtualmachine: Obj }).virtualmachine.id) };
    },
    createVlanIpRange: async () => ({ networkid: await newSharedNetwork(), forvirtualnetwork: "false", startip: `10.${sharedSubnet}.0.20`, endip: `10.${sharedSubnet}.0.21` }),
    updateVlanIpRange: async () => ({ id: await sharedRangeId(), endip: `10.${sharedSubnet}.0.12` }),
    listVlanIpRanges: async () => ({ id: await sharedRangeId() }),
    deleteVlanIpRange: async () => ({ id: await sharedRangeId() }),
    dedicateGuestVlanRange: async () => ({
      vlanrange: "110-111",
      physicalnetworkid: String((await f.list(f.admin, "listPhysicalNetworks"))[0].id),
      account: "admin",
      domainid: String((await f.list(f.admin, "listDomains", { name: "ROOT" }))[0].id),
    }),
    associateIpAddress: async () => ({ networkid: await newNetwork() }),
    disassociateIpAddress: async () => {
      const networkid = await newNetwork();
      await f.job(f.admin, "associateIpAddress", { networkid });
      const job = await f.job(f.admin, "associateIpAddress", { networkid });
      return { id: String((job.jobresult as Obj & { ipaddress: Obj }).ipaddress.id) };
    },
    createFirewallRule: async () => ({ ipaddressid: await newIp(), protocol: "tcp" }),
    deleteRemoteAccessVpn: async () => {
      // The first IP of a new network is its source NAT IP, where a remote-access VPN may go.
      const publicipid = await newIp();
      await f.job(f.admin, "createRemoteAccessVpn", { publicipid });
      return { publicipid };
    },
    deleteFirewallRule: async () => ({ id: await newRule("createFirewallRule", { ipaddressid: await newIp(), protocol: "tcp" }, "firewallrule") }),
    createEgressFirewallRule: async () => ({ networkid: await newNetwork(), protocol: "tcp" }),
    deleteEgressFirewallRule: async () => ({ id: await newRule("createEgressFirewallRule", { networkid: await newNetwork(), protocol: "tcp" }, "firewallrule") }),
    createLoadBalancerRule: async () => ({ publicipid: await newIp(), name: "testLBRule", algorithm: "roundrobin", publicport: "9090", privateport: "9090" }),
    createNetworkOffering: async () => ({ name: "testNetOffering", traffictype: "Guest", guestiptype: "L2", specifyvlan: "true" }),
    updateNetworkOffering: async () => ({ id: await newOffering(), displaytext: "changed" }),
    deleteNetworkOffering: async () => ({ id: await newOffering() }),
    // A physical network is added only to a Disabled zone: a new one.
    createPhysicalNetwork: async () => {
      const r = await f.call(f.admin, "createZone", { name: "sample-zone", networktype: "Advanced", dns1: "8.8.8.8", internaldns1: "10.0.0.2" });
      return { zoneid: String((r.body.zone as Obj).id), name: "testPhyNet", isolationmethods: "VLAN" };
    },
  };

  const withSamples = implemented.filter((c) => samples.has(c));

  it("has samples to compare with", () => {
    assert.ok(
      withSamples.length >= 10,
      `only ${withSamples.length} implemented commands have samples in ${SAMPLES_DIR}: keep the API reference ` +
        "(shared/cloudstack-api) beside the repository, or set CLOUDSTACK_API_REFERENCE to its cloudstack-api folder",
    );
  });

  for (const command of withSamples) {
    it(`${command}: every sample key is present with the same JSON type`, async function () {
      const fact = facts[command];
      assert.ok(fact, `no command facts for ${command}`);
      const sampleEnvelope = samples.get(command) as Obj;
      const sampleBody = Object.values(sampleEnvelope)[0] as Obj;
      const params = paramsFor[command] ? await paramsFor[command]() : {};
      let sample: unknown;
      let actual: unknown;
      if (fact.isAsync) {
        const job = await f.job(f.admin, command, params);
        assert.strictEqual(job.jobstatus, 1, JSON.stringify(job));
        sample = sampleBody.jobresult;
        actual = job.jobresult;
      } else {
        const r = await f.call(f.admin, command, params);
        assert.strictEqual(r.status, 200, JSON.stringify(r.body));
        const key = fact.objectName ?? Object.keys(sampleBody).find((k) => k !== "count") ?? "";
        sample = sampleBody[key];
        actual = r.body[key];
        if (Array.isArray(sample)) {
          assert.ok(Array.isArray(actual) && actual.length > 0, `${command} listed nothing: ${JSON.stringify(r.body)}`);
          sample = sample[0];
          actual = actual[0];
        }
      }
      const problems: string[] = [];
      compare(command, sample, actual, [], problems);
      assert.deepStrictEqual(problems, [], `${command} differs from its sample:\n${problems.join("\n")}`);
    });
  }
});
