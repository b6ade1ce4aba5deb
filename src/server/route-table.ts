import type { Route } from "./types";

export interface RouteMatch {
  route: Route;
  params: Record<string, string>;
}

interface CompiledRoute {
  route: Route;
  pattern: RegExp;
  names: string[];
}

/** `/api/resource/:doctype/:name+` as a RegExp capturing `doctype` (one segment) and `name` (the rest). */
function compile(path: string): { pattern: RegExp; names: string[] } {
  const names: string[] = [];
  const source = path
    .split("/")
    .map((segment) => {
      const param = /^:([A-Za-z_]\w*)(\+)?$/.exec(segment);
      if (!param) return segment.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      names.push(param[1] as string);
      return param[2] ? "(.+)" : "([^/]+)";
    })
    .join("/");
  // Frappe's rules end in an optional slash (`/resource/<doctype>/<path:name>/`).
  return { pattern: new RegExp(`^${source}/?$`), names };
}

/** Routes in the order they were added; the first whose method and path match wins. */
export class RouteTable {
  private readonly routes: CompiledRoute[] = [];

  add(route: Route): void {
    this.routes.push({ route, ...compile(route.path) });
  }

  /** The matching route, or which methods the path allows (for a 405), or nothing (404). */
  match(method: string, path: string): RouteMatch | { allowed: string[] } | undefined {
    const allowed: string[] = [];
    for (const { route, pattern, names } of this.routes) {
      const found = pattern.exec(path);
      if (!found) continue;
      if (route.method !== "*" && route.method !== method) {
        allowed.push(route.method);
        continue;
      }
      const params: Record<string, string> = {};
      names.forEach((name, i) => (params[name] = found[i + 1] ?? ""));
      return { route, params };
    }
    return allowed.length > 0 ? { allowed: [...new Set(allowed)] } : undefined;
  }
}
