// The workflows' own `run:` steps, executed here exactly as written, with GitHub's variables
// stubbed: a fork's repository name, a version tag, a runner's temp folder. Every `run:` step is
// either run by a scenario below or listed in NOT_HERE with the reason; lint-workflow.cjs fails
// on a step that is neither, so a new step cannot escape.
//   node .ci/workflow-steps.cjs run                      every scenario that needs no inputs
//   node .ci/workflow-steps.cjs run SCENARIO KEY=VALUE…  one scenario, its inputs given
"use strict";
const { execFileSync, spawnSync } = require("node:child_process");
const { mkdtempSync, readFileSync, rmSync, writeFileSync } = require("node:fs");
const { tmpdir } = require("node:os");
const path = require("node:path");
const YAML = require("yaml");

const WORKFLOWS = ".github/workflows";

// Steps that need what only GitHub has; each with why, and what covers it here.
const NOT_HERE = {
  "ci.yml checks / Install nats-server and promtool (the integration tests use both)":
    "sudo apt on the runner; .ci/run installs the same packages",
  "ci.yml checks / Quality gates and tests":
    "README's test command, which .ci/run runs, is the same command with the image built too",
  "ci.yml image / Install nats-server and promtool (the container tests use both)":
    "sudo apt on the runner; .ci/run installs the same packages",
  "ci.yml image / Container and stack tests":
    "README's test command runs the container module's tests on the image it built",
  "release.yml build / Install nats-server (the probe of the pushed image uses it)":
    "sudo apt on the runner; .ci/run installs the same package",
  "release.yml build / Fat jar and SBOM":
    "the same command as ci.yml's 'Fat jar' step, which runs here",
  "release.yml build / Base images pinned by digest":
    "Buildx's imagetools (not in Debian 12's Docker) and the base images' registries",
  "release.yml publish / Tag the started digests as one multi-arch image":
    "Buildx's imagetools (not in Debian 12's Docker) and the digests pushed to GHCR",
  "release.yml publish / Sign the started digests and their index (Sigstore cosign, keyless)":
    "GitHub's OIDC token: the signature names the workflow run",
};

const version = () =>
  readFileSync("pom.xml", "utf8").match(/<version>([^<]+)<\/version>/)[1];

// The repository the stubs name: a fork, so nothing may assume the upstream path.
const fork = { owner: "Market-Data-Fork", repository: "Market-Data-Fork/market-data-service" };
// What the version steps of both workflows must output.
const versionOutputs = () => ({
  version: version(),
  created: /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/,
  source: "https://github.com/Market-Data-Fork/market-data-service",
});
const SCENARIOS = [
  {
    name: "manifests",
    step: "ci.yml checks / Kubernetes manifests (schema validation)",
  },
  {
    name: "jar",
    step: "ci.yml image / Fat jar (tests ran in the previous job)",
    outputs: versionOutputs,
  },
  {
    name: "release-version",
    step: "release.yml build / Release version, tag and image name",
    github: () => ({ ref_name: `v${version()}` }),
    outputs: () => ({
      ...versionOutputs(),
      image: "ghcr.io/market-data-fork/market-data-service",
    }),
  },
  {
    name: "release-planted-tag",
    step: "release.yml build / Release version, tag and image name",
    github: () => ({ ref_name: "v9.9.9" }),
    fails: () => new RegExp(`::error::tag v9\\.9\\.9 does not match the project version ${version()}`),
  },
  {
    // Inputs: what the build-push step reported (here: a push to a loopback registry).
    name: "release-probe",
    inputs: ["steps.meta.outputs.image", "steps.build.outputs.digest"],
    step: [
      "release.yml build / Start the pushed image and probe it",
      "release.yml build / Record the started digest",
    ],
    matrix: { platform: "linux/amd64" },
    files: (inputs) => ({ "digests/linux-amd64": `${inputs["steps.build.outputs.digest"]}\n` }),
  },
];

function load() {
  const steps = new Map();
  for (const file of ["ci.yml", "release.yml"]) {
    const wf = YAML.parse(readFileSync(path.join(WORKFLOWS, file), "utf8"));
    for (const [jobId, job] of Object.entries(wf.jobs || {})) {
      for (const step of job.steps || []) {
        if (step.run === undefined) continue;
        steps.set(`${file} ${jobId} / ${step.name || "(unnamed)"}`, { wf, job, step });
      }
    }
  }
  return steps;
}

/** Problems for the workflow lint: a run step neither run here nor explained, or a stale entry. */
function coverageProblems() {
  const steps = load();
  const ran = new Set(SCENARIOS.flatMap((s) => [].concat(s.step)));
  const problems = [];
  for (const key of steps.keys()) {
    if (!ran.has(key) && !(key in NOT_HERE)) {
      problems.push(`run step '${key}' is neither run by .ci/workflow-steps.cjs nor in its NOT_HERE`);
    }
  }
  for (const key of [...ran, ...Object.keys(NOT_HERE)]) {
    if (!steps.has(key)) problems.push(`.ci/workflow-steps.cjs names '${key}', which no workflow has`);
  }
  return problems;
}

function evaluate(text, context, where) {
  return String(text).replace(/\$\{\{\s*([^}]*?)\s*\}\}/g, (_, expression) => {
    if (!(expression in context)) {
      throw new Error(`${where}: '\${{ ${expression} }}' cannot be stubbed here`);
    }
    return context[expression];
  });
}

function outputsOf(file) {
  const outputs = {};
  const lines = readFileSync(file, "utf8").split("\n");
  for (let i = 0; i < lines.length; i++) {
    const heredoc = lines[i].match(/^([^=<]+)<<(.+)$/);
    if (heredoc) {
      const end = lines.indexOf(heredoc[2], i + 1);
      outputs[heredoc[1]] = lines.slice(i + 1, end).join("\n");
      i = end;
    } else if (lines[i].includes("=")) {
      const at = lines[i].indexOf("=");
      outputs[lines[i].slice(0, at)] = lines[i].slice(at + 1);
    }
  }
  return outputs;
}

function runScenario(scenario, inputs, steps) {
  const temp = mkdtempSync(path.join(tmpdir(), `workflow-steps-${scenario.name}-`));
  try {
    const github = {
      ref_name: "main",
      repository: fork.repository,
      repository_owner: fork.owner,
      server_url: "https://github.com",
      sha: execFileSync("git", ["rev-parse", "HEAD"], { encoding: "utf8" }).trim(),
      ...(scenario.github ? scenario.github() : {}),
    };
    const context = { "runner.temp": temp, ...inputs };
    for (const [k, v] of Object.entries(github)) context[`github.${k}`] = v;
    for (const [k, v] of Object.entries(scenario.matrix || {})) context[`matrix.${k}`] = v;
    const baseEnv = {
      ...process.env,
      CI: "true",
      GITHUB_REF_NAME: github.ref_name,
      GITHUB_REF: `refs/${github.ref_name.startsWith("v") ? "tags" : "heads"}/${github.ref_name}`,
      GITHUB_REPOSITORY: github.repository,
      GITHUB_REPOSITORY_OWNER: github.repository_owner,
      GITHUB_SERVER_URL: github.server_url,
      GITHUB_SHA: github.sha,
      GITHUB_WORKSPACE: process.cwd(),
      RUNNER_TEMP: temp,
    };
    let failure = null;
    let outputs = {};
    for (const key of [].concat(scenario.step)) {
      const { wf, job, step } = steps.get(key);
      for (const [k, v] of Object.entries({ ...wf.env, ...job.env })) context[`env.${k}`] = v;
      const env = { ...baseEnv };
      for (const [k, v] of Object.entries({ ...wf.env, ...job.env, ...step.env })) {
        env[k] = evaluate(v, context, key);
      }
      env.GITHUB_OUTPUT = path.join(temp, "output");
      env.GITHUB_ENV = path.join(temp, "env");
      writeFileSync(env.GITHUB_OUTPUT, "");
      writeFileSync(env.GITHUB_ENV, "");
      const script = path.join(temp, "step.sh");
      writeFileSync(script, evaluate(step.run, context, key));
      // GitHub's default shell for run steps on Linux; `shell: bash` adds pipefail.
      const shell = step.shell === "bash" ? ["--noprofile", "--norc", "-eo", "pipefail"] : ["-e"];
      // A step's bound: its job's timeout, as on GitHub.
      const result = spawnSync("bash", [...shell, script], {
        env,
        encoding: "utf8",
        maxBuffer: 256 * 1024 * 1024,
        timeout: (job["timeout-minutes"] || 10) * 60 * 1000,
      });
      const said = `${result.stdout}${result.stderr}`;
      if (result.status !== 0) {
        failure = { key, status: result.status, said };
        break;
      }
      outputs = outputsOf(env.GITHUB_OUTPUT);
      if (step.id) {
        for (const [k, v] of Object.entries(outputs)) context[`steps.${step.id}.outputs.${k}`] = v;
      }
      console.log(`workflow-steps: ${scenario.name}: '${key}' ran` +
        (Object.keys(outputs).length ? `; outputs ${JSON.stringify(outputs)}` : ""));
    }
    return check(scenario, inputs, temp, failure, outputs);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function check(scenario, inputs, temp, failure, outputs) {
  const problems = [];
  if (scenario.fails) {
    const expected = scenario.fails();
    if (!failure) problems.push(`should have failed with ${expected}, but passed`);
    else if (!expected.test(failure.said)) {
      problems.push(`failed, but without ${expected}:\n${failure.said}`);
    } else {
      console.log(`workflow-steps: ${scenario.name}: '${failure.key}' failed as it must (exit ${failure.status})`);
    }
    return problems;
  }
  if (failure) return [`'${failure.key}' exited ${failure.status}:\n${failure.said}`];
  for (const [k, want] of Object.entries(scenario.outputs ? scenario.outputs() : {})) {
    const ok = want instanceof RegExp ? want.test(outputs[k] || "") : outputs[k] === want;
    if (!ok) problems.push(`output ${k} is '${outputs[k]}', expected ${want}`);
  }
  for (const [file, want] of Object.entries(scenario.files ? scenario.files(inputs) : {})) {
    let got = null;
    try {
      got = readFileSync(path.join(temp, file), "utf8");
    } catch {
      // reported below
    }
    if (got !== want) problems.push(`${file} holds ${JSON.stringify(got)}, expected ${JSON.stringify(want)}`);
  }
  return problems;
}

function main(args) {
  const [command, name, ...sets] = args;
  if (command !== "run") {
    console.error("usage: node .ci/workflow-steps.cjs run [SCENARIO KEY=VALUE...]");
    process.exit(64);
  }
  const coverage = coverageProblems();
  if (coverage.length) {
    console.error(coverage.map((p) => `workflow-steps: ${p}`).join("\n"));
    process.exit(1);
  }
  const inputs = Object.fromEntries(sets.map((s) => [s.slice(0, s.indexOf("=")), s.slice(s.indexOf("=") + 1)]));
  const chosen = name
    ? SCENARIOS.filter((s) => s.name === name)
    : SCENARIOS.filter((s) => !s.inputs);
  if (chosen.length === 0) {
    console.error(`workflow-steps: no scenario '${name}' (${SCENARIOS.map((s) => s.name).join(", ")})`);
    process.exit(64);
  }
  const steps = load();
  let failed = false;
  for (const scenario of chosen) {
    const missing = (scenario.inputs || []).filter((k) => !(k in inputs));
    const problems = missing.length
      ? [`needs ${missing.join(", ")} (KEY=VALUE)`]
      : runScenario(scenario, inputs, steps);
    for (const p of problems) console.error(`workflow-steps: ${scenario.name}: ${p}`);
    failed ||= problems.length > 0;
  }
  process.exit(failed ? 1 : 0);
}

module.exports = { coverageProblems };
if (require.main === module) main(process.argv.slice(2));
