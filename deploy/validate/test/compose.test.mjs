import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { test } from "node:test";
import { ROOT, composeProblems } from "../lib/validate.mjs";

const compose = readFileSync(join(ROOT, "docker-compose.yml"), "utf8");
const dclint = (...files) => execFileSync(process.execPath, [join(ROOT, "deploy/validate/node_modules/dclint/bin/dclint.cjs"),
  "-c", join(ROOT, "deploy/validate/dclint.json"), "--max-warnings", "0", ...files], { encoding: "utf8" });

test("docker-compose.yml and the GPU override follow the Compose specification and the project's rules", () => {
  assert.deepEqual(composeProblems(compose), []);
  assert.deepEqual(composeProblems(readFileSync(join(ROOT, "docker-compose.gpu.yml"), "utf8"), { main: false }), []);
});

test("dclint passes both files", () => {
  dclint(join(ROOT, "docker-compose.yml"), join(ROOT, "docker-compose.gpu.yml"));
});

test("an unknown key, a fixed worker port and a wrong partition count fail", () => {
  const bad = compose
    .replace("  feature-service:\n    <<: *songspace-service\n", "  feature-service:\n    <<: *songspace-service\n    restart_policy: always\n    ports: ['8081:8081']\n")
    .replace("audio.jobs:24", "audio.jobs:12");
  const problems = composeProblems(bad).join("\n");
  assert.match(problems, /must NOT have additional properties "restart_policy"/);
  assert.match(problems, /feature-service must publish no host port/);
  assert.match(problems, /init TOPICS has audio.jobs:12, Topics.PARTITIONS says 24/);
});

test("a report-service without its API keys, a keys file that is no secret, or no dataset roots fails", () => {
  const keysLine = "      SONGSPACE_API_KEYS_FILE: /run/secrets/api-keys\n";
  assert.ok(compose.includes(keysLine));
  assert.match(composeProblems(compose.replace(keysLine, "")).join("\n"),
    /report-service needs SONGSPACE_API_KEYS_FILE/);
  assert.match(composeProblems(compose.replace("    secrets:\n      - api-keys\n", "")).join("\n"),
    /SONGSPACE_API_KEYS_FILE \/run\/secrets\/api-keys is neither a secret nor a mounted file/);
  assert.match(composeProblems(compose.replace(/^secrets:\n[\s\S]*$/m, "")).join("\n"),
    /report-service's secret api-keys is not a top-level secret/);
  const rootsLine = "      SONGSPACE_DATASETS_ROOTS: /data\n";
  const problems = composeProblems(compose.replaceAll(rootsLine, "")).join("\n");
  assert.match(problems, /report-service needs SONGSPACE_DATASETS_ROOTS/);
  assert.match(problems, /feature-service needs SONGSPACE_DATASETS_ROOTS/);
  assert.match(composeProblems(compose.replaceAll(rootsLine, "      SONGSPACE_DATASETS_ROOTS: /datasets\n")).join("\n"),
    /feature-service's dataset root \/datasets is not one of its volumes/);
});
