"""What the bench scripts share: a free local port, and the compose CLI this machine has."""
import socket, subprocess


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def compose_cli():
    """`docker compose` (v2) where the plugin is installed, else docker-compose 1.29."""
    v2 = subprocess.run(["docker", "compose", "version"], capture_output=True).returncode == 0
    return ["docker", "compose"] if v2 else ["docker-compose"]
