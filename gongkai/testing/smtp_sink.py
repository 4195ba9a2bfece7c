"""A local SMTP sink for tests (RFC 5321, the commands Django's SMTP backend sends): it
accepts every message and keeps it, so a test reads the e-mail a real server process sent."""

from __future__ import annotations

import email
import email.policy
import socketserver
import threading
from email.message import EmailMessage


class _Handler(socketserver.StreamRequestHandler):
    def _say(self, line: str) -> None:
        self.wfile.write(f"{line}\r\n".encode())

    def handle(self) -> None:
        self._say("220 sink ESMTP")
        rcpt: list[str] = []
        while True:
            raw = self.rfile.readline()
            if not raw:
                return
            command = raw.decode("utf-8", "replace").strip()
            verb = command[:4].upper()
            if verb == "EHLO":
                self._say("250-sink")
                self._say("250 8BITMIME")
            elif verb == "HELO":
                self._say("250 sink")
            elif verb == "MAIL":
                rcpt = []
                self._say("250 OK")
            elif verb == "RCPT":
                rcpt.append(command.split(":", 1)[1].strip(" <>"))
                self._say("250 OK")
            elif verb == "DATA":
                self._say("354 End data with <CR><LF>.<CR><LF>")
                lines = []
                while (line := self.rfile.readline()) not in (b".\r\n", b".\n", b""):
                    lines.append(line[1:] if line.startswith(b"..") else line)
                parsed = email.message_from_bytes(b"".join(lines), policy=email.policy.default)
                self.server.messages.append((rcpt, parsed))  # type: ignore[attr-defined]
                self._say("250 OK queued")
            elif verb == "QUIT":
                self._say("221 Bye")
                return
            else:  # RSET, NOOP and anything else
                self._say("250 OK")


class SmtpSink(socketserver.ThreadingTCPServer):
    daemon_threads = True
    allow_reuse_address = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Handler)
        self.messages: list[tuple[list[str], EmailMessage]] = []
        threading.Thread(target=self.serve_forever, daemon=True).start()

    @property
    def port(self) -> int:
        return self.server_address[1]

    def texts_to(self, address: str) -> list[str]:
        return [
            m.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
            for to, m in self.messages
            if address in to
        ]
