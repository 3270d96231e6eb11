// Every manifest of a kustomize base and its TLS overlay, validated against the Kubernetes API
// schemas, plus restricted Pod Security and probes on the health endpoints. Proves first that
// validation rejects a broken Deployment, so a pass means something.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const [modules, base] = process.argv.slice(2);
const load = (name) => import(pathToFileURL(join(modules, name)).href);
const YAML = (await load("yaml/dist/index.js")).default;
const read = (...path) => readFileSync(join(...path), "utf8");
const problems = [];
const fail = (message) => problems.push(message);

async function validate(doc, where) {
  try {
    const path = doc.apiVersion.includes("/") ? doc.apiVersion : "v1";
    new (await load(`kubernetes-models/${path}/${doc.kind}.js`))[doc.kind](doc).validate();
    return true;
  } catch (e) {
    fail(`${where}: ${doc.kind}: ${e.message.split("\n").slice(0, 6).join(" ")}`);
    return false;
  }
}

// The validator bites: a Deployment with a string replica count must be rejected.
const broken = { apiVersion: "apps/v1", kind: "Deployment", metadata: { name: "x" },
  spec: { replicas: "three", selector: {}, template: {} } };
if (await validate(broken, "self-test")) fail("self-test: an invalid Deployment passed validation");
else problems.pop();

// The kustomization lists exactly the manifests in the folder (folders are overlays).
const listed = [...YAML.parse(read(base, "kustomization.yaml")).resources].sort();
const present = readdirSync(base).filter((f) => f.endsWith(".yaml") && f !== "kustomization.yaml").sort();
if (JSON.stringify(listed) !== JSON.stringify(present)) {
  fail(`kustomization.yaml lists ${listed.join(", ")} but the folder holds ${present.join(", ")}`);
}
const docs = present.flatMap((file) =>
  YAML.parseAllDocuments(read(base, file)).map((doc) => ({ file, object: doc.toJS() })));
for (const { file, object } of docs) await validate(object, file);

// The promises.
const deployment = docs.map((d) => d.object).find((d) => d.kind === "Deployment");
const pod = deployment.spec.template.spec;
const { securityContext: sc, livenessProbe, readinessProbe } = pod.containers[0];
const expect = (condition, message) => condition || fail(`Deployment: ${message}`);
expect(pod.securityContext?.runAsNonRoot === true, "runAsNonRoot");
expect(pod.securityContext?.seccompProfile?.type === "RuntimeDefault", "seccomp RuntimeDefault");
expect(sc?.readOnlyRootFilesystem === true, "readOnlyRootFilesystem");
expect(sc?.allowPrivilegeEscalation === false, "no privilege escalation");
expect(JSON.stringify(sc?.capabilities?.drop) === '["ALL"]', "drop ALL capabilities");
expect(livenessProbe?.httpGet?.path === "/health/live", "liveness on /health/live");
expect(readinessProbe?.httpGet?.path === "/health/ready", "readiness on /health/ready");

// The TLS overlay's patch merged as kustomize's strategic merge does for these fields
// (containers by name; env by name; mounts and volumes appended), then validated.
const overlay = join(base, "tls");
const patchFile = YAML.parse(read(overlay, "kustomization.yaml")).patches[0].path;
// YAML 1.1, as Kubernetes reads it: 0440 is octal.
const patch = YAML.parse(read(overlay, patchFile), { version: "1.1" }).spec.template.spec;
const merged = structuredClone(deployment);
const spec = merged.spec.template.spec;
spec.securityContext = { ...spec.securityContext, ...patch.securityContext };
for (const patched of patch.containers) {
  const target = spec.containers.find((c) => c.name === patched.name);
  if (!target) { fail(`tls overlay: no container ${patched.name} in the base`); continue; }
  for (const env of patched.env || []) {
    const existing = target.env.find((e) => e.name === env.name);
    existing ? Object.assign(existing, env) : target.env.push(env);
  }
  target.volumeMounts = [...(target.volumeMounts || []), ...(patched.volumeMounts || [])];
}
spec.volumes = [...spec.volumes, ...patch.volumes];
await validate(merged, `tls/${patchFile}`);

if (problems.length > 0) {
  console.error(problems.map((p) => `validate-manifests: ${p}`).join("\n"));
  process.exit(1);
}
console.log(`validate-manifests: ${docs.length} manifest(s) in ${base} valid against the Kubernetes API schemas`);
