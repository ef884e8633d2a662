// The owner fields CloudStack puts on owned objects (ApiResponseHelper.populateOwner):
// a project's objects show projectid/project, others the account name; both show the domain.
import type { SimulatorModel } from "../model";

export function ownerFields(model: SimulatorModel, accountUuid: string): Record<string, unknown> {
  const account = model.accounts.accountOrThrow(accountUuid);
  const domain = model.accounts.domainOrThrow(account.domainUuid);
  const project = model.accounts.projectOfAccount(account.uuid);
  const owner: Record<string, unknown> = project ? { projectid: project.uuid, project: project.name } : { account: account.name };
  return { ...owner, domainid: domain.uuid, domain: domain.name, domainpath: domain.path };
}
