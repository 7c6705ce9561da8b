// Writes schemas/strimzi-<version>.json: the openAPIV3Schema of each Strimzi CRD version served, by
// "<apiVersion>/<kind>", with descriptions dropped (they are most of the size). Input: the CRD files of a Strimzi
// release, e.g. packaging/install/cluster-operator/04*-Crd-*.yaml of github.com/strimzi/strimzi-kafka-operator at
// tag 1.2.0 (Apache-2.0). Run: node scripts/strimzi-schemas.mjs 1.2.0 040-Crd-kafka.yaml 043-Crd-kafkatopic.yaml ...
import { readFileSync, writeFileSync } from "node:fs";
import { parseAllDocuments } from "yaml";

const [version, ...files] = process.argv.slice(2);
const strip = (node) => {
  if (Array.isArray(node)) return node.map(strip);
  if (node && typeof node === "object") {
    return Object.fromEntries(Object.entries(node).filter(([k]) => k !== "description").map(([k, v]) => [k, strip(v)]));
  }
  return node;
};
const out = { source: `strimzi-kafka-operator ${version}, packaging/install/cluster-operator`, schemas: {} };
for (const file of files) {
  for (const doc of parseAllDocuments(readFileSync(file, "utf8"))) {
    const crd = doc.toJS();
    if (crd?.kind !== "CustomResourceDefinition") continue;
    for (const v of crd.spec.versions.filter((v) => v.served)) {
      out.schemas[`${crd.spec.group}/${v.name}/${crd.spec.names.kind}`] = strip(v.schema.openAPIV3Schema);
    }
  }
}
writeFileSync(`schemas/strimzi-${version}.json`, JSON.stringify(out) + "\n");
console.log(Object.keys(out.schemas).join("\n"));
