import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { test } from "node:test";
import { parseAllDocuments } from "yaml";
import { applyJsonPatch, render } from "../lib/kustomize.mjs";
import { ROOT, overlayProblems, schemaProblems } from "../lib/validate.mjs";

const overlay = (name) => render(join(ROOT, "deploy/kubernetes/overlays", name));
const find = (docs, kind, name) => docs.find((d) => d.kind === kind && d.metadata.name === name);
const problemsAfter = async (change, options = {}) => {
  const docs = overlay(options.gpu ? "gpu" : "cpu");
  change(docs);
  return overlayProblems(docs, options);
};

test("the cpu and gpu overlays validate", async () => {
  assert.deepEqual(await overlayProblems(overlay("cpu")), []);
  assert.deepEqual(await overlayProblems(overlay("gpu"), { gpu: true }), []);
});

test("the overlays hold what the deployment needs", () => {
  const docs = overlay("gpu");
  const kinds = new Set(docs.map((d) => `${d.apiVersion} ${d.kind}`));
  for (const k of ["kafka.strimzi.io/v1 Kafka", "kafka.strimzi.io/v1 KafkaNodePool", "kafka.strimzi.io/v1 KafkaTopic",
    "keda.sh/v1alpha1 ScaledObject", "apps/v1 StatefulSet", "batch/v1 Job", "v1 Secret"]) {
    assert.ok(kinds.has(k), k);
  }
  assert.ok(docs.filter((d) => d.kind !== "Namespace").every((d) => d.metadata.namespace === "songspace"));
  const trainer = find(docs, "Deployment", "trainer-service").spec.template.spec;
  assert.equal(trainer.containers[0].resources.limits["nvidia.com/gpu"], "1");
  assert.equal(trainer.containers[0].image, "songspace/trainer-service:0.1.0-SNAPSHOT-gpu");
  assert.ok(trainer.nodeSelector);
});

test("this renderer gives what kubectl kustomize gives", { skip: !hasKubectl() && "no kubectl here" }, () => {
  for (const name of ["cpu", "gpu"]) {
    const ours = overlay(name).map((d) => JSON.parse(JSON.stringify(d)));
    const theirs = parseAllDocuments(execFileSync("kubectl", ["kustomize", join(ROOT, "deploy/kubernetes/overlays", name)],
      { encoding: "utf8" })).map((d) => d.toJS());
    const key = (d) => `${d.kind}/${d.metadata.name}`;
    const sorted = (docs) => [...docs].sort((a, b) => key(a).localeCompare(key(b)));
    assert.deepEqual(sorted(ours), sorted(theirs), name);
  }
});

function hasKubectl() {
  try { execFileSync("kubectl", ["version", "--client"], { stdio: "ignore" }); return true; } catch { return false; }
}

test("a bad overlay on disk fails, naming each mistake", async () => {
  const problems = await overlayProblems(render(join(ROOT, "deploy/validate/test/fixtures/bad-overlay")));
  assert.ok(problems.some((p) => p.startsWith("Deployment/report-service") && p.includes("containerPort must be integer")), problems.join("\n"));
  assert.ok(problems.some((p) => p.includes("maxReplicaCount 48 exceeds the 24 partitions of audio.jobs")), problems.join("\n"));
  assert.ok(problems.some((p) => p.startsWith("KafkaTopic/audio-jobs") && p.includes('"partitons"')), problems.join("\n"));
  assert.ok(problems.some((p) => p.startsWith("Deployment/report-service") && p.includes("SONGSPACE_API_KEYS_FILE must be set")), problems.join("\n"));
});

test("Kubernetes schemas: a missing required field and a wrong enum fail", async () => {
  assert.match((await problemsAfter((docs) => delete find(docs, "Deployment", "text-service").spec.selector)).join("\n"),
    /Deployment\/text-service.*must have required property selector/);
  assert.match((await problemsAfter((docs) => {
    find(docs, "Deployment", "cluster-service").spec.template.spec.containers[0].imagePullPolicy = "Sometimes";
  })).join("\n"), /Deployment\/cluster-service.*imagePullPolicy/);
});

test("KEDA schema: a ScaledObject without its target fails", async () => {
  const problems = await problemsAfter((docs) => delete find(docs, "ScaledObject", "feature-service").spec.scaleTargetRef);
  assert.match(problems.join("\n"), /ScaledObject\/feature-service.*scaleTargetRef/);
});

test("Strimzi schema: a node pool role that does not exist, and partitions as text, fail", async () => {
  const pool = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaNodePool", metadata: { name: "p" },
    spec: { replicas: 1, roles: ["leader"], storage: { type: "ephemeral" } } };
  assert.match((await schemaProblems(pool)).join("\n"), /roles\/0 must be equal to one of the allowed values/);
  const topic = { apiVersion: "kafka.strimzi.io/v1", kind: "KafkaTopic", metadata: { name: "t" }, spec: { partitions: "many" } };
  assert.match((await schemaProblems(topic)).join("\n"), /partitions must be integer/);
  const unknown = { apiVersion: "kafka.strimzi.io/v1beta1", kind: "KafkaTopic", metadata: { name: "t" }, spec: {} };
  assert.match((await schemaProblems(unknown)).join("\n"), /no Strimzi schema/);
});

test("project rules: probes, limits, non-root, partitions, the GPU", async () => {
  const rule = async (change, pattern, options) => assert.match((await problemsAfter(change, options)).join("\n"), pattern);
  const container = (docs, n) => find(docs, "Deployment", n).spec.template.spec.containers[0];
  await rule((docs) => delete container(docs, "report-service").readinessProbe, /report-service.*readinessProbe must GET \/q\/health\/ready/);
  await rule((docs) => delete container(docs, "trainer-service").resources.limits.memory, /trainer-service.*limits of memory/);
  await rule((docs) => delete find(docs, "Deployment", "text-service").spec.template.spec.securityContext.runAsNonRoot, /runAsNonRoot/);
  await rule((docs) => { find(docs, "KafkaTopic", "audio-jobs").spec.partitions = 12; }, /audio.jobs: 12 partitions, Topics.PARTITIONS says 24/);
  await rule((docs) => { find(docs, "ScaledObject", "feature-service").spec.triggers[0].metadata.consumerGroup = "x"; }, /consumerGroup must be feature-workers/);
  await rule((docs) => delete container(docs, "trainer-service").resources.limits["nvidia.com/gpu"], /needs nvidia.com\/gpu: 1/, { gpu: true });
  await rule((docs) => delete find(docs, "Deployment", "feature-service").spec.template.metadata.annotations, /scraping \/q\/metrics on 8081/);
});

test("project rules: the report-service's API keys from a mounted Secret, dataset roots the workers mount", async () => {
  const rule = async (change, pattern) => assert.match((await problemsAfter(change)).join("\n"), pattern);
  const pod = (docs, n) => find(docs, "Deployment", n).spec.template.spec;
  await rule((docs) => delete find(docs, "ConfigMap", "report-service").data.SONGSPACE_API_KEYS_FILE,
    /Deployment\/report-service.*SONGSPACE_API_KEYS_FILE must be set/);
  await rule((docs) => { find(docs, "ConfigMap", "report-service").data.SONGSPACE_API_KEYS_FILE = "/tmp/api-keys"; },
    /SONGSPACE_API_KEYS_FILE \/tmp\/api-keys must be a file of a mounted Secret/);
  await rule((docs) => { find(docs, "Secret", "songspace-api-keys").stringData = { keys: "x" }; },
    /Secret\/songspace-api-keys has no key for \/etc\/songspace\/api-keys/);
  await rule((docs) => docs.splice(docs.indexOf(find(docs, "Secret", "songspace-api-keys")), 1),
    /Secret\/songspace-api-keys of SONGSPACE_API_KEYS_FILE is missing/);
  await rule((docs) => delete find(docs, "ConfigMap", "feature-service").data.SONGSPACE_DATASETS_ROOTS,
    /Deployment\/feature-service.*SONGSPACE_DATASETS_ROOTS must be set/);
  await rule((docs) => { pod(docs, "feature-service").containers[0].volumeMounts.pop(); },
    /feature-service.*dataset root \/data is not a volume mount of the feature workers/);
  await rule((docs) => { find(docs, "ConfigMap", "report-service").data.SONGSPACE_DATASETS_ROOTS = "/srv"; },
    /report-service.*dataset root \/srv is not a dataset root of the feature workers/);
  await rule((docs) => { find(docs, "Secret", "songspace-api-keys").stringData["api-keys"] = "admin runs:admin sha256:abc\n"; },
    /Secret\/songspace-api-keys api-keys: line 1 is not/);
  // an env entry overrides the ConfigMap, as in the kubelet
  await rule((docs) => { pod(docs, "report-service").containers[0].env = [{ name: "SONGSPACE_API_KEYS_FILE", value: "" }]; },
    /SONGSPACE_API_KEYS_FILE must be set/);
});

test("the README's patches: a PersistentVolumeClaim for the feature workers' /data, real API keys, validate", async () => {
  const docs = overlay("cpu");
  const claim = { apiVersion: "v1", kind: "PersistentVolumeClaim", metadata: { name: "songspace-datasets", namespace: "songspace" },
    spec: { accessModes: ["ReadOnlyMany"], resources: { requests: { storage: "100Gi" } } } };
  const feature = find(docs, "Deployment", "feature-service");
  assert.equal(feature.spec.template.spec.volumes[1].name, "datasets"); // the README's patch replaces volumes/1
  applyJsonPatch(feature, [{ op: "replace", path: "/spec/template/spec/volumes/1",
    value: { name: "datasets", persistentVolumeClaim: { claimName: "songspace-datasets", readOnly: true } } }]);
  applyJsonPatch(find(docs, "Secret", "songspace-api-keys"), [{ op: "replace", path: "/stringData/api-keys",
    value: `admin runs:read,runs:write sha256:${"ab".repeat(32)}\nci runs:read sha256:${"cd".repeat(32)}\n` }]);
  assert.deepEqual(await overlayProblems([...docs, claim]), []);
});
