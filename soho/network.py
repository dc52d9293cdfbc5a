"""Addresses the `soho` processes agree on."""

import socket

SMTP_SINK_HOST = "127.0.0.1"  # the development SMTP sink listens here only


def port_in_use(host: str, port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(0.5)
        return s.connect_ex((host, port)) == 0
