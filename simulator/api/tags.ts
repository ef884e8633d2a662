// createTags, deleteTags, listTags; and the tag objects other responses embed.
import type { SimulatorModel } from "../model";
import { parseResourceType } from "../model/tags";
import type { TaggableResourceType, TagRecord } from "../model/records";
import { paramError } from "../errors";
import type { Handler } from "../wire/types";
import { successJob } from "./jobs";
import { listScopeOf } from "./list-helpers";
import { ownerFields } from "./owner-fields";
import { list, map, str } from "./params";

export function tagView(model: SimulatorModel, tag: TagRecord): Record<string, unknown> {
  const view: Record<string, unknown> = {
    key: tag.key,
    value: tag.value,
    resourcetype: tag.resourceType,
    resourceid: tag.resourceUuid,
    ...ownerFields(model, tag.accountUuid),
  };
  if (tag.customer !== undefined) view.customer = tag.customer;
  return view;
}

export const tagsOf = (model: SimulatorModel, type: TaggableResourceType, uuid: string): Array<Record<string, unknown>> =>
  model.tags.of(type, uuid).map((t) => tagView(model, t));

function required<T>(value: T | undefined, command: string, name: string): T {
  if (value === undefined) throw paramError(`Unable to execute API command ${command.toLowerCase()} due to missing parameter ${name}`);
  return value;
}

export function tagHandlers(model: SimulatorModel): Record<string, Handler> {
  return {
    createTags: (ctx) => {
      const type = parseResourceType(required(str(ctx.params, "resourcetype"), ctx.command, "resourcetype"));
      const ids = required(list(ctx.params, "resourceids"), ctx.command, "resourceids");
      const tags = map(ctx.params, "tags").map((e) => ({ key: e.key ?? "", value: e.value ?? "" }));
      if (tags.length === 0) throw paramError(`Unable to execute API command ${ctx.command.toLowerCase()} due to missing parameter tags`);
      const customer = str(ctx.params, "customer");
      return successJob({ queueKey: ids[0] }, () => model.tags.create(ctx.caller, type, ids, tags, customer));
    },
    deleteTags: (ctx) => {
      const type = parseResourceType(required(str(ctx.params, "resourcetype"), ctx.command, "resourcetype"));
      const ids = required(list(ctx.params, "resourceids"), ctx.command, "resourceids");
      const tags = map(ctx.params, "tags")
        .filter((e) => e.key !== undefined)
        .map((e) => ({ key: e.key as string, value: e.value }));
      return successJob({ queueKey: ids[0] }, () => model.tags.delete(ctx.caller, type, ids, tags));
    },
    listTags: (ctx) => {
      const p = ctx.params;
      const resourceTypeParam = str(p, "resourcetype");
      const scope = listScopeOf(model, ctx);
      const keyword = str(p, "keyword");
      const items = model.tags
        .list({
          resourceType: resourceTypeParam === undefined ? undefined : parseResourceType(resourceTypeParam),
          resourceId: str(p, "resourceid"),
          key: str(p, "key"),
          value: str(p, "value"),
          customer: str(p, "customer"),
        })
        .filter((t) => scope.ownerVisible(t.accountUuid) || scope.domainObjectVisible(t.domainUuid, false))
        .filter((t) => keyword === undefined || t.key.includes(keyword) || t.value.includes(keyword))
        .map((t) => tagView(model, t));
      return { kind: "list", objectName: "tag", items };
    },
  };
}
