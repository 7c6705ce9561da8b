// Validates docker-compose.yml, docker-compose.gpu.yml, every Dockerfile and each overlay of deploy/kubernetes
// offline; prints every problem and exits 1 if there is one. `npm test` runs the same checks plus the cases that
// must fail.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { render } from "./lib/kustomize.mjs";
import { ROOT, composeProblems, dockerfileProblems, dockerfiles, overlayProblems } from "./lib/validate.mjs";

export const OVERLAYS = ["cpu", "gpu"];
const problems = [];
const report = (what, list) => {
  console.log(`${list.length ? "FAIL" : "ok  "} ${what}`);
  problems.push(...list);
};
report("docker-compose.yml", composeProblems(readFileSync(join(ROOT, "docker-compose.yml"), "utf8")));
report("docker-compose.gpu.yml", composeProblems(readFileSync(join(ROOT, "docker-compose.gpu.yml"), "utf8"), { main: false }));
for (const { service, file } of dockerfiles()) {
  report(file.slice(ROOT.length + 1), dockerfileProblems(readFileSync(file, "utf8"), service, file.slice(ROOT.length + 1)));
}
for (const overlay of OVERLAYS) {
  const docs = render(join(ROOT, "deploy/kubernetes/overlays", overlay));
  report(`deploy/kubernetes/overlays/${overlay} (${docs.length} objects)`, await overlayProblems(docs, { gpu: overlay === "gpu" }));
}
problems.forEach((p) => console.error(`  ${p}`));
process.exit(problems.length ? 1 : 0);
