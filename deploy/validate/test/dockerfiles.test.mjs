import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { dockerfileProblems, dockerfiles, nativePackages } from "../lib/validate.mjs";

test("every service has a JVM Dockerfile, and the trainer a GPU one", () => {
  const names = dockerfiles().map(({ file }) => file.split("/").slice(-5).join("/"));
  for (const s of ["report-service", "feature-service", "text-service", "trainer-service", "cluster-service"]) {
    assert.ok(names.includes(`${s}/src/main/docker/Dockerfile.jvm`), s);
  }
  assert.ok(names.includes("trainer-service/src/main/docker/Dockerfile.gpu"));
});

test("every Dockerfile lints clean, runs as non-root, has a health check and installs its native libraries", () => {
  for (const { service, file } of dockerfiles()) {
    assert.deepEqual(dockerfileProblems(readFileSync(file, "utf8"), service, file), []);
  }
  assert.deepEqual(nativePackages("feature-service"), ["libsndfile1", "libsoxr0", "libfftw3-double3"]);
  assert.deepEqual(nativePackages("cluster-service"), ["libopenblas-dev"]);
});

test("a Dockerfile with a typo, no USER, no health check or a missing library fails", () => {
  const good = readFileSync(dockerfiles().find((d) => d.file.endsWith("feature-service/src/main/docker/Dockerfile.jvm")).file, "utf8");
  const bad = good.replace("COPY --chown=185:0 target/quarkus-app/app/", "COPPY target/quarkus-app/app/")
    .replace(/^USER 185$/m, "").replace(/^HEALTHCHECK[\s\S]*?\|\| exit 1\n/m, "").replace(" libsoxr0", "");
  const problems = dockerfileProblems(bad, "feature-service").join("\n");
  assert.match(problems, /Unknown instruction: COPPY/);
  assert.match(problems, /non-root/);
  assert.match(problems, /no HEALTHCHECK/);
  assert.match(problems, /does not install libsoxr0/);
});
