"""An SMTP sink for delivery tests (aiosmtpd, PyPI): STARTTLS required before
AUTH LOGIN/PLAIN with --user/--password; each accepted message is logged as a
JSON line with its decoded subject, text, sender, recipients and Message-ID."""
import argparse
import email
import email.header
import email.policy
import json
import socket
import ssl
import threading

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

args = argparse.ArgumentParser()
args.add_argument("--port-file", required=True)
args.add_argument("--log", required=True)
args.add_argument("--cert", required=True)
args.add_argument("--key", required=True)
args.add_argument("--user", required=True)
args.add_argument("--password", required=True)
opts = args.parse_args()


class Sink:
    async def handle_DATA(self, server, session, envelope):
        msg = email.message_from_bytes(envelope.original_content, policy=email.policy.default)
        record = {"from": envelope.mail_from, "to": envelope.rcpt_tos, "subject": str(msg["subject"]),
                  "raw_subject": msg.get("subject", ""), "text": msg.get_content(), "message_id": msg["message-id"],
                  "authenticated": bool(session.authenticated), "tls": session.ssl is not None}
        with open(opts.log, "a", encoding="utf-8") as f:
            f.write(json.dumps(record, ensure_ascii=False) + "\n")
        return "250 OK"


def authenticate(server, session, envelope, mechanism, data):
    ok = isinstance(data, LoginPassword) and data.login.decode() == opts.user and data.password.decode() == opts.password
    return AuthResult(success=ok)


# A free port first: the controller checks it is up by connecting to it.
probe = socket.socket()
probe.bind(("127.0.0.1", 0))
port = probe.getsockname()[1]
probe.close()
context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
context.load_cert_chain(opts.cert, opts.key)
controller = Controller(Sink(), hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True,
                        authenticator=authenticate, auth_require_tls=True)
controller.start()
with open(opts.port_file, "w") as f:
    f.write(str(port))
threading.Event().wait()
