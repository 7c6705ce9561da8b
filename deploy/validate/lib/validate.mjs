// Checks of songspace's deployment files. Each check returns a list of problems ("<where>: <what>"); empty = valid.
// Schemas: Kubernetes' own (kubernetes-models: types, enums, required fields of every built-in kind), KEDA's
// (@kubernetes-models/keda), Strimzi's CRD schemas (schemas/strimzi-*.json, unknown fields refused as with
// kubectl's strict field validation), the Compose specification bundled with dclint. On top: the rules this
// project keeps (probes, limits, non-root, metrics, partitions and scaling, what each image installs).
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import Ajv from "ajv";
import { validate as lintDockerfile } from "dockerfile-utils";
import { parse } from "yaml";

const HERE = dirname(fileURLToPath(import.meta.url));
export const ROOT = join(HERE, "..", "..", "..");
const rel = (p) => relative(ROOT, p);

const ajv = new Ajv({ strict: false, allErrors: true });
const strimziFile = readdirSync(join(HERE, "..", "schemas")).find((f) => /^strimzi-.*\.json$/.test(f));
const strimzi = JSON.parse(readFileSync(join(HERE, "..", "schemas", strimziFile), "utf8")).schemas;
const strimziValidators = new Map();

/** CRD schemas allow unknown fields only where they say so; elsewhere, like kubectl --validate=strict, refuse them. */
function closed(schema) {
  if (Array.isArray(schema)) return schema.map(closed);
  if (!schema || typeof schema !== "object") return schema;
  const out = Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, k === "properties"
    ? Object.fromEntries(Object.entries(v).map(([p, s]) => [p, closed(s)])) : closed(v)]));
  if (out.properties && out.additionalProperties === undefined && !out["x-kubernetes-preserve-unknown-fields"]) {
    out.additionalProperties = false;
  }
  return out;
}

const name = (doc) => `${doc.kind}/${doc.metadata?.name ?? "?"}${doc.source ? ` (${rel(doc.source)})` : ""}`;
const errorsOf = (list) => (list ?? []).map((e) => `${e.instancePath || "/"} ${e.message}${e.params?.additionalProperty
  ? ` "${e.params.additionalProperty}"` : ""}${e.params?.allowedValues ? ` ${JSON.stringify(e.params.allowedValues)}` : ""}`);

/** One object against the schema of its apiVersion and kind. */
export async function schemaProblems(doc) {
  if (!doc?.apiVersion || !doc?.kind) return [`${name(doc ?? {})}: no apiVersion or kind`];
  const [group, version] = doc.apiVersion.includes("/") ? doc.apiVersion.split("/") : ["", doc.apiVersion];
  if (group === "kafka.strimzi.io") {
    const key = `${group}/${version}/${doc.kind}`;
    if (!strimzi[key]) return [`${name(doc)}: no Strimzi schema for ${key} (${strimziFile})`];
    if (!strimziValidators.has(key)) strimziValidators.set(key, ajv.compile(closed(strimzi[key])));
    const v = strimziValidators.get(key);
    return v(doc) ? [] : errorsOf(v.errors).map((e) => `${name(doc)}: ${e}`);
  }
  let module;
  try {
    module = group === "keda.sh"
      ? await import(`@kubernetes-models/keda/keda.sh/${version}/${doc.kind}`)
      : await import(`kubernetes-models/${group ? `${group}/` : ""}${version}/${doc.kind}`);
  } catch {
    return [`${name(doc)}: no schema for ${doc.apiVersion} ${doc.kind}`];
  }
  try {
    new module[doc.kind](structuredClone(doc)).validate();
    return [];
  } catch (e) {
    return [`${name(doc)}: ${e.message}`];
  }
}

/** common's Topics.PARTITIONS: topic name -> partitions. */
export function topicsFromJava() {
  const src = readFileSync(join(ROOT, "common/src/main/java/io/songspace/common/events/Topics.java"), "utf8");
  const constants = Object.fromEntries([...src.matchAll(/static final String (\w+) = "([^"]+)"/g)].map((m) => [m[1], m[2]]));
  const topics = {};
  for (const m of src.matchAll(/Map\.entry\((dlq\()?(\w+)\)?, (\d+)\)/g)) {
    topics[constants[m[2]] + (m[1] ? ".dlq" : "")] = Number(m[3]);
  }
  return topics;
}

/** A service's consumer group of a channel, from its application.properties. */
export function consumerGroup(service, channel) {
  const props = readFileSync(join(ROOT, service, "src/main/resources/application.properties"), "utf8");
  return props.match(new RegExp(`^mp\\.messaging\\.incoming\\.${channel}\\.group\\.id=(.+)$`, "m"))?.[1].trim();
}

/** The service's HTTP port, from its application.properties. */
export function httpPort(service) {
  const props = readFileSync(join(ROOT, service, "src/main/resources/application.properties"), "utf8");
  return Number(props.match(/^quarkus\.http\.port=(\d+)$/m)?.[1]);
}

export const SERVICES = ["report-service", "feature-service", "text-service", "trainer-service", "cluster-service"];

/** The project's rules for a rendered overlay; `gpu`: the trainer must ask for a GPU. */
export function policyProblems(docs, { gpu = false } = {}) {
  const problems = [];
  const of = (kind) => docs.filter((d) => d.kind === kind);
  const find = (kind, n) => docs.find((d) => d.kind === kind && d.metadata?.name === n);
  for (const service of SERVICES) {
    const port = httpPort(service);
    const deployment = find("Deployment", service);
    if (!deployment) { problems.push(`Deployment/${service}: missing`); continue; }
    if (!find("Service", service)) problems.push(`Service/${service}: missing`);
    if (!find("ConfigMap", service)) problems.push(`ConfigMap/${service}: missing`);
    const pod = deployment.spec?.template?.spec ?? {};
    const annotations = deployment.spec?.template?.metadata?.annotations ?? {};
    if (annotations["prometheus.io/path"] !== "/q/metrics" || annotations["prometheus.io/port"] !== String(port)) {
      problems.push(`${name(deployment)}: pods must be annotated for scraping /q/metrics on ${port}`);
    }
    if (pod.securityContext?.runAsNonRoot !== true) problems.push(`${name(deployment)}: pod securityContext.runAsNonRoot must be true`);
    for (const c of pod.containers ?? []) {
      const where = `${name(deployment)} container ${c.name}`;
      if (!(c.ports ?? []).some((p) => p.containerPort === port)) problems.push(`${where}: no containerPort ${port}`);
      for (const [probe, path] of [["readinessProbe", "/q/health/ready"], ["livenessProbe", "/q/health/live"]]) {
        if (c[probe]?.httpGet?.path !== path) problems.push(`${where}: ${probe} must GET ${path}`);
      }
      for (const r of ["cpu", "memory"]) {
        if (!c.resources?.requests?.[r] || !c.resources?.limits?.[r]) problems.push(`${where}: resources need requests and limits of ${r}`);
      }
      if (c.securityContext?.allowPrivilegeEscalation !== false) problems.push(`${where}: allowPrivilegeEscalation must be false`);
    }
    if (service === "trainer-service") {
      const wantsGpu = (pod.containers ?? []).some((c) => String(c.resources?.limits?.["nvidia.com/gpu"]) === "1");
      if (gpu && (!wantsGpu || !pod.nodeSelector)) problems.push(`${name(deployment)}: the gpu overlay's trainer needs nvidia.com/gpu: 1 and a nodeSelector`);
      if (!gpu && wantsGpu) problems.push(`${name(deployment)}: a GPU outside the gpu overlay`);
    }
  }
  problems.push(...securityProblems(docs));
  // topics: the same partitions as common's Topics.PARTITIONS
  const java = topicsFromJava();
  const topics = Object.fromEntries(of("KafkaTopic").map((t) => [t.spec?.topicName ?? t.metadata.name, t.spec?.partitions]));
  for (const [topic, partitions] of Object.entries(java)) {
    if (topics[topic] !== partitions) problems.push(`KafkaTopic ${topic}: ${topics[topic] ?? "missing"} partitions, Topics.PARTITIONS says ${partitions}`);
  }
  // the feature workers' autoscaler: their consumer group, at most one replica per partition
  const scaler = find("ScaledObject", "feature-service");
  if (!scaler) problems.push("ScaledObject/feature-service: missing");
  for (const t of scaler?.spec?.triggers ?? []) {
    if (t.type !== "kafka") continue;
    const group = consumerGroup("feature-service", "audio-jobs");
    if (t.metadata?.consumerGroup !== group) problems.push(`${name(scaler)}: consumerGroup must be ${group}`);
    const partitions = topics[t.metadata?.topic];
    if (partitions === undefined) problems.push(`${name(scaler)}: topic ${t.metadata?.topic} is not a KafkaTopic`);
    else if (!(scaler.spec.maxReplicaCount <= partitions)) problems.push(`${name(scaler)}: maxReplicaCount ${scaler.spec.maxReplicaCount} exceeds the ${partitions} partitions of ${t.metadata.topic}`);
    if (scaler.spec?.scaleTargetRef?.name !== "feature-service") problems.push(`${name(scaler)}: must scale the feature-service Deployment`);
  }
  return problems;
}

/** The keys of a ConfigMap's or Secret's data (a Secret's `data` decoded), or undefined if there is no such object. */
function dataOf(docs, kind, n) {
  const d = docs.find((o) => o.kind === kind && o.metadata?.name === n);
  if (!d) return undefined;
  const decoded = Object.fromEntries(Object.entries(d.data ?? {}).map(([k, v]) => [k, kind === "Secret"
    ? Buffer.from(String(v), "base64").toString("utf8") : v]));
  return { ...decoded, ...d.stringData };
}

/** A container's environment as the kubelet builds it: envFrom's ConfigMaps and Secrets in order, then env. */
export function containerEnv(docs, c) {
  const env = {};
  for (const from of c.envFrom ?? []) {
    const ref = from.configMapRef ? ["ConfigMap", from.configMapRef] : ["Secret", from.secretRef];
    for (const [k, v] of Object.entries(dataOf(docs, ref[0], ref[1]?.name) ?? {})) env[(from.prefix ?? "") + k] = v;
  }
  for (const e of c.env ?? []) {
    const ref = e.valueFrom?.configMapKeyRef ? ["ConfigMap", e.valueFrom.configMapKeyRef]
      : e.valueFrom?.secretKeyRef ? ["Secret", e.valueFrom.secretKeyRef] : undefined;
    env[e.name] = ref ? dataOf(docs, ref[0], ref[1].name)?.[ref[1].key] : e.value;
  }
  return env;
}

const roots = (value) => String(value ?? "").split(",").map((r) => r.trim().replace(/(.)\/+$/, "$1")).filter(Boolean);
const under = (path, dir) => path === dir || path.startsWith(dir.endsWith("/") ? dir : `${dir}/`);

/** The report-service's ApiKeys format (a bad line stops it at start-up): `<name> <role>[,<role>…] sha256:<hex>`. */
export function apiKeyLineProblems(text) {
  const line = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}\s+(runs:read|runs:write)(,(runs:read|runs:write))*\s+sha256:[0-9a-f]{64}$/;
  return String(text).split("\n").map((l, i) => [l.trim(), i + 1])
    .filter(([l]) => l && !l.startsWith("#") && !line.test(l))
    .map(([, n]) => `line ${n} is not '<name> <role>[,<role>…] sha256:<64 hex digits>'`);
}

/**
 * The API keys and dataset roots: the report-service reads its keys file from a mounted Secret, and it and the
 * feature workers have dataset roots that the workers mount (a root the API accepts but no worker can read, or no
 * roots at all, turns every local dataset away).
 */
function securityProblems(docs) {
  const problems = [];
  const deployment = (n) => docs.find((d) => d.kind === "Deployment" && d.metadata?.name === n);
  const report = deployment("report-service");
  const feature = deployment("feature-service");
  for (const c of report?.spec?.template?.spec?.containers ?? []) {
    const where = `${name(report)} container ${c.name}`;
    const file = containerEnv(docs, c).SONGSPACE_API_KEYS_FILE;
    if (!file) { problems.push(`${where}: SONGSPACE_API_KEYS_FILE must be set (without API keys every /api call is 401)`); continue; }
    const mount = (c.volumeMounts ?? []).find((m) => m.subPath ? file === m.mountPath : under(file, m.mountPath) && file !== m.mountPath);
    const volume = (report.spec.template.spec.volumes ?? []).find((v) => v.name === mount?.name);
    if (!volume?.secret) { problems.push(`${where}: SONGSPACE_API_KEYS_FILE ${file} must be a file of a mounted Secret`); continue; }
    const secret = dataOf(docs, "Secret", volume.secret.secretName);
    const path = mount.subPath ?? file.slice(mount.mountPath.replace(/\/$/, "").length + 1);
    const key = volume.secret.items ? volume.secret.items.find((i) => i.path === path)?.key : path;
    if (!secret) problems.push(`${where}: Secret/${volume.secret.secretName} of SONGSPACE_API_KEYS_FILE is missing`);
    else if (key === undefined || !(key in secret)) problems.push(`${where}: Secret/${volume.secret.secretName} has no key for ${file}`);
    else problems.push(...apiKeyLineProblems(secret[key]).map((p) => `Secret/${volume.secret.secretName} ${key}: ${p}`));
  }
  const mounts = (feature?.spec?.template?.spec?.containers ?? []).flatMap((c) => (c.volumeMounts ?? []).map((m) => m.mountPath));
  const featureRoots = (feature?.spec?.template?.spec?.containers ?? []).flatMap((c) => roots(containerEnv(docs, c).SONGSPACE_DATASETS_ROOTS));
  for (const d of [report, feature].filter(Boolean)) {
    for (const c of d.spec?.template?.spec?.containers ?? []) {
      const where = `${name(d)} container ${c.name}`;
      const list = roots(containerEnv(docs, c).SONGSPACE_DATASETS_ROOTS);
      if (!list.length) problems.push(`${where}: SONGSPACE_DATASETS_ROOTS must be set (no roots: every local dataset refused)`);
      for (const r of list) {
        if (d === feature && !mounts.some((m) => under(r, m))) problems.push(`${where}: dataset root ${r} is not a volume mount of the feature workers`);
        if (d === report && !featureRoots.some((f) => under(r, f))) problems.push(`${where}: dataset root ${r} is not a dataset root of the feature workers`);
      }
    }
  }
  return problems;
}

/** Schema and rules for every object of a rendered overlay. */
export async function overlayProblems(docs, options) {
  const problems = [];
  for (const d of docs) problems.push(...await schemaProblems(d));
  return problems.concat(policyProblems(docs, options));
}

// --- docker-compose ---------------------------------------------------------------------------------------------
const { $schema: _draft, ...composeSchema } = JSON.parse(readFileSync(join(HERE, "..",
  "node_modules/dclint/schemas/compose.schema.json"), "utf8")); // draft-07, ajv's default
const composeValidator = new Ajv({ strict: false, allErrors: true, validateFormats: false }).compile(composeSchema);

/** A compose file (YAML text) against the Compose specification and the project's rules; `main`: the full file. */
export function composeProblems(text, { main = true } = {}) {
  const compose = parse(text, { merge: true });
  const problems = composeValidator(compose) ? [] : errorsOf(composeValidator.errors).map((e) => `compose: ${e}`);
  if (!main) return problems;
  const services = compose.services ?? {};
  for (const s of SERVICES) {
    const svc = services[s];
    if (!svc) { problems.push(`compose: service ${s} missing`); continue; }
    if (svc.labels?.["prometheus.io/path"] !== "/q/metrics") problems.push(`compose: ${s} must be labelled for /q/metrics`);
    if (!svc.build?.dockerfile) problems.push(`compose: ${s} must build from its Dockerfile`);
  }
  problems.push(...composeSecurityProblems(compose));
  // scaling: a worker with a fixed host port cannot run twice
  if ((services["feature-service"]?.ports ?? []).length) problems.push("compose: feature-service must publish no host port (--scale)");
  const env = services.init?.environment ?? {};
  const listed = Object.fromEntries(String(env.TOPICS ?? "").trim().split(/\s+/).filter(Boolean).map((t) => t.split(":"))
    .map(([t, p]) => [t, Number(p)]));
  for (const [topic, partitions] of Object.entries(topicsFromJava())) {
    if (listed[topic] !== partitions) problems.push(`compose: init TOPICS has ${topic}:${listed[topic] ?? "-"}, Topics.PARTITIONS says ${partitions}`);
  }
  return problems;
}

/** A compose service's environment, from the map or the list form. */
const composeEnv = (svc) => Array.isArray(svc?.environment)
  ? Object.fromEntries(svc.environment.map((e) => [e.split("=")[0], e.split("=").slice(1).join("=")]))
  : svc?.environment ?? {};
/** The container paths of a compose service's volumes (short or long syntax). */
const composeMounts = (svc) => (svc?.volumes ?? []).map((v) => {
  if (typeof v !== "string") return v.target;
  const parts = v.replace(/\$\{[^}]*\}/g, "$").split(":"); // ${VAR:-default} holds a colon
  return parts.length > 1 ? parts[1] : parts[0];
}).filter(Boolean);

/** The compose counterpart of securityProblems: the report-service's keys file as a secret, the dataset roots. */
function composeSecurityProblems(compose) {
  const problems = [];
  const services = compose.services ?? {};
  const report = services["report-service"];
  const feature = services["feature-service"];
  const file = composeEnv(report).SONGSPACE_API_KEYS_FILE;
  if (report && !file) problems.push("compose: report-service needs SONGSPACE_API_KEYS_FILE (without API keys every /api call is 401)");
  if (report && file) {
    const secretPaths = (report.secrets ?? []).map((s) => typeof s === "string" ? [s, `/run/secrets/${s}`]
      : [s.source, s.target?.startsWith("/") ? s.target : `/run/secrets/${s.target ?? s.source}`]);
    const secret = secretPaths.find(([, path]) => path === file);
    if (secret && !compose.secrets?.[secret[0]]) problems.push(`compose: report-service's secret ${secret[0]} is not a top-level secret`);
    if (!secret && !composeMounts(report).some((m) => under(file, m) && file !== m)) {
      problems.push(`compose: report-service's SONGSPACE_API_KEYS_FILE ${file} is neither a secret nor a mounted file`);
    }
  }
  const featureRoots = roots(composeEnv(feature).SONGSPACE_DATASETS_ROOTS);
  for (const [s, svc] of [["report-service", report], ["feature-service", feature]].filter(([, svc]) => svc)) {
    const list = roots(composeEnv(svc).SONGSPACE_DATASETS_ROOTS);
    if (!list.length) problems.push(`compose: ${s} needs SONGSPACE_DATASETS_ROOTS (no roots: every local dataset refused)`);
    for (const r of list) {
      if (svc === feature && !composeMounts(feature).some((m) => under(r, m))) problems.push(`compose: feature-service's dataset root ${r} is not one of its volumes`);
      if (svc === report && !featureRoots.some((f) => under(r, f))) problems.push(`compose: report-service's dataset root ${r} is not a dataset root of feature-service`);
    }
  }
  return problems;
}

// --- Dockerfiles ------------------------------------------------------------------------------------------------
/** The Debian packages common's native-libraries.tsv says a service needs (required ones). */
export function nativePackages(service) {
  const tsv = readFileSync(join(ROOT, "common/src/main/resources/io/songspace/common/natives/native-libraries.tsv"), "utf8");
  return tsv.split("\n").filter((l) => l && !l.startsWith("#")).map((l) => l.split("\t"))
    .filter(([, , need, by]) => need === "required" && by?.startsWith(`${service}:`)).map(([, pkg]) => pkg);
}

/** A Dockerfile's syntax (dockerfile-utils) and the project's rules: non-root, a health check, its native packages. */
export function dockerfileProblems(text, service, where = service) {
  const problems = lintDockerfile(text).filter((d) => d.severity === 1).map((d) => `${where}:${d.range.start.line + 1}: ${d.message}`);
  const lines = text.split("\n");
  const user = lines.filter((l) => /^USER\s/.test(l)).pop()?.split(/\s+/)[1];
  if (!user || user === "root" || user === "0" || user.startsWith("0:")) problems.push(`${where}: the last USER must be a non-root user`);
  if (!lines.some((l) => /^HEALTHCHECK\s+.*CMD/.test(l) || /^HEALTHCHECK\s/.test(l))) problems.push(`${where}: no HEALTHCHECK`);
  const port = httpPort(service);
  if (!text.includes(`localhost:${port}/q/health`)) problems.push(`${where}: the health check must call /q/health on ${port}`);
  for (const pkg of nativePackages(service)) {
    if (!new RegExp(`apt-get install[^\\n]*(\\\\\\n[^\\n]*)*\\b${pkg.replace(/[.+]/g, "\\$&")}\\b`).test(text)) {
      problems.push(`${where}: does not install ${pkg} (native-libraries.tsv)`);
    }
  }
  return problems;
}

/** Every src/main/docker/Dockerfile.* of the services. */
export function dockerfiles() {
  return SERVICES.flatMap((s) => {
    const dir = join(ROOT, s, "src/main/docker");
    let files = [];
    try { files = readdirSync(dir).filter((f) => f.startsWith("Dockerfile")); } catch { /* none */ }
    return files.map((f) => ({ service: s, file: join(dir, f) }));
  });
}
