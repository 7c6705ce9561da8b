// The part of Kustomize that deploy/kubernetes uses, so the overlays render offline without kustomize or kubectl:
// `resources` (files, or folders with a kustomization.yaml), `namespace` (set on namespaced objects) and `patches`
// with an inline JSON 6902 patch and a target (group, version, kind, name). Anything else in a kustomization is
// refused, so the checks never pass on something this renderer would silently ignore. A test compares the result
// with `kubectl kustomize` where kubectl is installed.
import { existsSync, readFileSync, statSync } from "node:fs";
import { join, resolve } from "node:path";
import { parse, parseAllDocuments } from "yaml";

const SUPPORTED = new Set(["apiVersion", "kind", "resources", "namespace", "patches"]);
const CLUSTER_SCOPED = new Set(["Namespace", "CustomResourceDefinition", "ClusterRole", "ClusterRoleBinding",
  "PersistentVolume", "StorageClass", "PriorityClass"]);

export function readYamlDocuments(file) {
  return parseAllDocuments(readFileSync(file, "utf8")).map((d) => {
    if (d.errors.length) throw new Error(`${file}: ${d.errors[0].message}`);
    return d.toJS();
  }).filter((d) => d != null);
}

/** The objects a kustomization folder renders to, each with a non-enumerable `source` (the file it came from). */
export function render(dir) {
  const file = join(dir, "kustomization.yaml");
  if (!existsSync(file)) throw new Error(`${dir}: no kustomization.yaml`);
  const k = parse(readFileSync(file, "utf8"));
  for (const key of Object.keys(k)) {
    if (!SUPPORTED.has(key)) throw new Error(`${file}: "${key}" is not supported by this renderer`);
  }
  const docs = [];
  for (const r of k.resources ?? []) {
    const path = resolve(dir, r);
    if (statSync(path).isDirectory()) {
      docs.push(...render(path));
    } else {
      for (const doc of readYamlDocuments(path)) {
        Object.defineProperty(doc, "source", { value: path, enumerable: false });
        docs.push(doc);
      }
    }
  }
  if (k.namespace) {
    for (const d of docs) {
      if (!CLUSTER_SCOPED.has(d.kind)) d.metadata = { ...d.metadata, namespace: k.namespace };
    }
  }
  for (const p of k.patches ?? []) {
    if (!p.target || typeof p.patch !== "string") throw new Error(`${file}: a patch needs a target and an inline patch`);
    const targets = docs.filter((d) => matches(d, p.target));
    if (targets.length === 0) throw new Error(`${file}: no object matches the patch target ${JSON.stringify(p.target)}`);
    for (const d of targets) applyJsonPatch(d, parse(p.patch), file);
  }
  return docs;
}

function matches(doc, t) {
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  return (t.kind === undefined || t.kind === doc.kind) && (t.name === undefined || t.name === doc.metadata?.name)
    && (t.group === undefined || t.group === group) && (t.version === undefined || t.version === version);
}

/** RFC 6902 add, replace and remove (what the overlays use); a path that does not resolve is an error. */
export function applyJsonPatch(doc, ops, where = "patch") {
  for (const op of ops) {
    const parts = op.path.split("/").slice(1).map((s) => s.replace(/~1/g, "/").replace(/~0/g, "~"));
    const last = parts.pop();
    let parent = doc;
    for (const part of parts) {
      parent = Array.isArray(parent) ? parent[Number(part)] : parent?.[part];
      if (parent === undefined || parent === null) throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
    }
    if (op.op === "add") {
      if (Array.isArray(parent)) parent.splice(last === "-" ? parent.length : Number(last), 0, op.value);
      else parent[last] = op.value;
    } else if (op.op === "replace" || op.op === "remove") {
      if (!(last in parent)) throw new Error(`${where}: ${op.op} ${op.path}: no such path`);
      if (op.op === "replace") parent[last] = op.value;
      else if (Array.isArray(parent)) parent.splice(Number(last), 1);
      else delete parent[last];
    } else {
      throw new Error(`${where}: op "${op.op}" is not supported by this renderer`);
    }
  }
}
