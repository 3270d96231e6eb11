// Every manifest of a kustomize base and its TLS overlay, validated against the Kubernetes API
// schemas, plus restricted Pod Security and probes on the health endpoints. Proves first that
// validation rejects a broken Deployment, so a pass means something.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, base] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(join(modules, name)).href);
const YAML = (await load("yaml/dist/index.js")).default;

const problems = [];
const fail = (message) => problems.push(message);

async function model(apiVersion, kind) {
  const path = apiVersion.includes("/") ? apiVersion : `v1`;
  const module = await load(`kubernetes-models/${path}/${kind}.js`);
  return module[kind];
}

async function validate(doc, where) {
  try {
    const Model = await model(doc.apiVersion, doc.kind);
    new Model(doc).validate();
  } catch (e) {
    fail(`${where}: ${doc.kind}: ${e.message.split("\n").slice(0, 6).join(" ")}`);
  }
}

// 1. The validator bites: a Deployment with a string replica count must be rejected.
{
  const { Deployment } = await load("kubernetes-models/apps/v1/Deployment.js");
  let rejected = false;
  try {
    new Deployment({ metadata: { name: "x" }, spec: { replicas: "three", selector: {}, template: {} } }).validate();
  } catch {
    rejected = true;
  }
  if (!rejected) fail("self-test: an invalid Deployment passed validation");
}

// 2. The kustomization lists exactly the manifests in the folder.
const kustomization = YAML.parse(readFileSync(join(base, "kustomization.yaml"), "utf8"));
const listed = [...kustomization.resources].sort();
const present = readdirSync(base).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort();
// (Folders are overlays: tls/ is checked below.)
if (JSON.stringify(listed) !== JSON.stringify(present)) {
  fail(`kustomization.yaml lists ${listed.join(", ")} but the folder holds ${present.join(", ")}`);
}

// 3. Each manifest against its schema.
const docs = [];
for (const file of present) {
  for (const doc of YAML.parseAllDocuments(readFileSync(join(base, file), "utf8"))) {
    const object = doc.toJS();
    docs.push(object);
    await validate(object, file);
  }
}

// 4. The promises.
const deployment = docs.find((d) => d.kind === "Deployment");
const pod = deployment.spec.template.spec;
const container = pod.containers[0];
const expect = (condition, message) => condition || fail(`Deployment: ${message}`);
expect(pod.securityContext?.runAsNonRoot === true, "runAsNonRoot");
expect(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "seccomp RuntimeDefault");
expect(container.securityContext?.readOnlyRootFilesystem === true, "readOnlyRootFilesystem");
expect(container.securityContext?.allowPrivilegeEscalation === false, "no privilege escalation");
expect(JSON.stringify(container.securityContext?.capabilities?.drop) === '["ALL"]', "drop ALL capabilities");
expect(container.livenessProbe?.httpGet?.path === "/health/live", "liveness on /health/live");
expect(container.readinessProbe?.httpGet?.path === "/health/ready", "readiness on /health/ready");

// 5. The TLS overlay: its patch merged into the Deployment as kustomize's strategic merge does
// for these fields (containers and volumes by name; env and mounts appended), then validated.
{
  const overlay = join(base, "tls");
  const kust = YAML.parse(readFileSync(join(overlay, "kustomization.yaml"), "utf8"));
  // YAML 1.1, as Kubernetes reads it: 0440 is octal.
  const patch = YAML.parse(readFileSync(join(overlay, kust.patches[0].path), "utf8"), { version: "1.1" });
  const merged = structuredClone(deployment);
  const spec = merged.spec.template.spec;
  const patchSpec = patch.spec.template.spec;
  spec.securityContext = { ...spec.securityContext, ...patchSpec.securityContext };
  const byName = (list, name) => list.find((item) => item.name === name);
  for (const patched of patchSpec.containers) {
    const target = byName(spec.containers, patched.name);
    if (!target) { fail(`tls overlay: no container ${patched.name} in the base`); continue; }
    for (const env of patched.env || []) {
      const existing = byName(target.env, env.name);
      existing ? Object.assign(existing, env) : target.env.push(env);
    }
    target.volumeMounts = [...(target.volumeMounts || []), ...(patched.volumeMounts || [])];
  }
  spec.volumes = [...spec.volumes, ...patchSpec.volumes];
  await validate(merged, "tls/deployment-patch.yaml");
}

if (problems.length > 0) {
  console.error(problems.map((p) => `validate-manifests: ${p}`).join("\n"));
  process.exit(1);
}
console.log(`validate-manifests: ${docs.length} manifest(s) in ${base} valid against the Kubernetes API schemas`);
