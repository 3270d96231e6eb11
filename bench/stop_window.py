#!/usr/bin/env python3
"""When does a SIGTERM during start end in a clean exit 0? (docs/swarm.md, "A stop at any moment")

  bench/stop_window.py jar   bootstrap/target/market-data-service.jar  0,50,100,150,300
  bench/stop_window.py image market-data-service:0.1.0-SNAPSHOT        0,50,100,200,300

Starts a nats-server on a free port, then for each delay starts the service, sends SIGTERM that
many ms after the start (after `docker start` returned, for the image; `docker stop -t 3`, so a
signal the container ignores ends in its kill, 137), and prints the exit code and how long the
exit took. Removes its containers and server.
"""
import os, subprocess, sys, time, uuid
from common import free_port

kind, target, delays = sys.argv[1], sys.argv[2], [int(d) for d in sys.argv[3].split(",")]
nats_port, health_port = free_port(), free_port()
nats = subprocess.Popen(["/usr/sbin/nats-server", "-a", "127.0.0.1", "-p", str(nats_port)],
                        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
time.sleep(0.3)
env = {"NATS_URL": f"nats://127.0.0.1:{nats_port}", "HEALTH_PORT": str(health_port)}
try:
    for delay in delays:
        if kind == "jar":
            java = os.path.join(os.environ["JAVA_HOME"], "bin", "java")
            p = subprocess.Popen([java, "-jar", target], env={**env, "PATH": os.environ["PATH"]},
                                 stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
            time.sleep(delay / 1000)
            t = time.monotonic()
            p.terminate()
            out, _ = p.communicate(timeout=15)
            code, lines = p.returncode, out.decode().splitlines()
        else:
            name = f"mds-stop-window-{uuid.uuid4().hex[:8]}"
            args = ["docker", "create", "--name", name, "--network", "host"]
            for k, v in env.items():
                args += ["-e", f"{k}={v}"]
            subprocess.run(args + [target], check=True, capture_output=True)
            try:
                subprocess.run(["docker", "start", name], check=True, capture_output=True)
                time.sleep(delay / 1000)
                t = time.monotonic()
                subprocess.run(["docker", "stop", "-t", "3", name], capture_output=True)
                code = subprocess.run(["docker", "wait", name], capture_output=True, text=True).stdout.strip()
                lines = subprocess.run(["docker", "logs", name], capture_output=True, text=True).stdout.splitlines()
            finally:
                subprocess.run(["docker", "rm", "-f", name], capture_output=True)
        took = int((time.monotonic() - t) * 1000)
        last = '"stopped"' in lines[-1] if lines else False
        print(f"SIGTERM {delay:4d} ms in: exit {code} after {took} ms; stopped line: {last}")
finally:
    nats.terminate()
