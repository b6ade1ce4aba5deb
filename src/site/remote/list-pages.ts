import type { Doc } from "../../core/doc";
import type { MetaRegistry } from "../../core/meta-registry";
import type { ListArgs } from "../../core/site";

/** Frappe's list page size when none is asked for (`limit_page_length` defaults to 20). */
export const FRAPPE_PAGE_LENGTH = 20;

/**
 * The order for walking every page: the asked one (else the DocType's sort order, else
 * `modified desc`) with `name` added as a tie-breaker, so rows sharing a `modified` cannot swap
 * places between two pages and be skipped or seen twice.
 */
export function stableOrderBy(doctype: string, orderBy: string | undefined, meta: MetaRegistry): string {
  let order = orderBy?.trim();
  if (!order) {
    const docMeta = meta.has(doctype) ? meta.get(doctype) : undefined;
    const field = typeof docMeta?.sort_field === "string" ? docMeta.sort_field : "";
    const direction = typeof docMeta?.sort_order === "string" ? docMeta.sort_order : "desc";
    order = field ? (field.includes(",") ? field : `${field} ${direction}`) : "modified desc";
  }
  return /(^|[\s,`.])name(\s|,|`|$)/i.test(order) ? order : `${order}, name asc`;
}

/**
 * Every row of a list, one page after another (`limit: 0` means all; Frappe's own `limit: 0`
 * answers only 20), starting at `args.start`.
 */
export async function walkPages(
  doctype: string,
  args: ListArgs,
  pageSize: number,
  meta: MetaRegistry,
  fetchPage: (page: ListArgs & { limit: number; start: number }) => Promise<Doc[]>,
): Promise<Doc[]> {
  const rows: Doc[] = [];
  const orderBy = stableOrderBy(doctype, args.orderBy, meta);
  for (let start = args.start ?? 0; ; start += pageSize) {
    const page = await fetchPage({ ...args, orderBy, limit: pageSize, start });
    rows.push(...page);
    if (page.length < pageSize) return rows;
  }
}
