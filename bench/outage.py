#!/usr/bin/env python3
"""One NATS outage on the observability stack, with the shipped rules, timings and routing.

  bench/outage.py [SECONDS]          default 180

Runs the compose stack (profile observability, three replicas, every setting at its default),
with Alertmanager's receivers also sending to a webhook here, stops NATS for SECONDS, starts it
again, and prints every notification until no alert is active and each group that fired has
sent its resolution: when, to which receiver, and which alerts of which replicas. Then the
same for Alertmanager's own view of the alerts. Removes the stack, even on failure.
"""
import http.server, json, os, subprocess, sys, tempfile, threading, time, urllib.request, uuid
from common import free_port, compose_cli

seconds = int(sys.argv[1]) if len(sys.argv) > 1 else 180
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
project = f"mds-outage-{uuid.uuid4().hex[:8]}"


notes, start = [], time.monotonic()
at = lambda: f"+{time.monotonic() - start:6.1f} s"


class Webhook(http.server.BaseHTTPRequestHandler):
    def do_POST(self):
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        alerts = sorted(f"{a['labels']['alertname']}/{a['labels'].get('service_id', '?')}"
                        for a in body["alerts"])
        notes.append((at(), self.path.strip("/"), body["status"], alerts))
        print(f"{notes[-1][0]} notification to {notes[-1][1]}: {body['status']} {', '.join(alerts)}",
              flush=True)
        self.send_response(200)
        self.end_headers()

    def log_message(self, *args):
        pass


hook = http.server.ThreadingHTTPServer(("0.0.0.0", 0), Webhook)
threading.Thread(target=hook.serve_forever, daemon=True).start()
work = tempfile.mkdtemp(prefix="mds-outage-")
os.chmod(work, 0o755)
shipped = open(os.path.join(root, "deploy/alertmanager/alertmanager.yml")).read()
with open(os.path.join(work, "alertmanager.yml"), "w") as f:
    for receiver in ("on-call", "tickets"):
        url = f"http://host.docker.internal:{hook.server_port}/{receiver}"
        shipped = shipped.replace(f"  - name: {receiver}\n", f"  - name: {receiver}\n"
                                  f"    webhook_configs: [{{url: '{url}', send_resolved: true}}]\n")
    f.write(shipped)
os.chmod(os.path.join(work, "alertmanager.yml"), 0o644)
with open(os.path.join(work, "webhook.yml"), "w") as f:
    f.write(f"services:\n  alertmanager:\n    extra_hosts: ['host.docker.internal:host-gateway']\n"
            f"    volumes: ['{work}/alertmanager.yml:/etc/alertmanager/alertmanager.yml:ro']\n")

health = free_port()
ports = {"NATS_PORT": free_port(), "NATS_MONITOR_PORT": free_port(),
         "PROMETHEUS_PORT": free_port(), "ALERTMANAGER_PORT": free_port(),
         "HEALTH_HOST_PORTS": f"{health}-{health + 9}"}
env = {**os.environ, **{k: str(v) for k, v in ports.items()}}
compose = compose_cli()
compose += ["-p", project, "-f", "docker-compose.yml", "-f", "docker-compose.override.yml",
            "-f", os.path.join(work, "webhook.yml"), "--profile", "observability"]


def run(*args):
    subprocess.run(compose + list(args), cwd=root, env=env, check=True,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)


def get(port, path):
    with urllib.request.urlopen(f"http://127.0.0.1:{ports[port]}{path}", timeout=5) as r:
        return json.load(r)


def wait(what, condition, within):
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        try:
            if condition():
                return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"outage: {what} not within {within} s")


try:
    run("up", "-d", "--scale", "market-data-service=3")
    wait("3 targets up", lambda: sum(t["health"] == "up" for t in
                                     get("PROMETHEUS_PORT", "/api/v1/targets")["data"]["activeTargets"]) == 3, 120)
    start = time.monotonic()
    print(f"{at()} NATS stopped for {seconds} s", flush=True)
    run("stop", "nats")
    time.sleep(seconds)
    run("start", "nats")
    back = time.monotonic()
    print(f"{at()} NATS started", flush=True)
    active = lambda: get("ALERTMANAGER_PORT", "/api/v2/alerts?active=true&inhibited=true")
    wait("no active alert in Alertmanager", lambda: not active(), 600)
    print(f"{at()} no alert active in Alertmanager ({time.monotonic() - back:.0f} s after NATS)")
    fired = {tuple(a) for _, r, s, a in notes if s == "firing"}
    wait("a resolution for each group that fired",
         lambda: len([n for n in notes if n[2] == "resolved"]) >= len(fired), 600)
    firing = [n for n in notes if n[2] == "firing"]
    print(f"notifications: {len(firing)} firing, {len(notes) - len(firing)} resolved; "
          f"last resolution {time.monotonic() - back:.0f} s after NATS returned")
finally:
    subprocess.run(compose + ["down", "--volumes", "--timeout", "10"], cwd=root, env=env,
                   stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    hook.shutdown()
