"""Run pytest with every file in an S3-compatible bucket (issue 15: "the S3 path runs in CI").

Starts moto's S3 server (``moto[server]``, a real HTTP server speaking the S3 protocol; production
uses MinIO or a provider) on a free loopback port, creates a bucket, points ``LONTAR_S3_*`` at it
and runs pytest with the remaining arguments in a child process, so every xdist worker talks to
the same server over HTTP. Used by ``make test-s3``:

    .venv/bin/python -m tests.s3.run -n 2 tests/ppid tests/evaluations

Prints how many objects the run left in the bucket, as proof the files went there, and fails the
run if any of them can be read without a signature (a public ACL).
"""

from __future__ import annotations

import logging
import os
import socket
import subprocess
import sys
from typing import Any

BUCKET = "lontar-test"
KEY = "lontar-test-key"
SECRET = "lontar-test-secret"  # a local moto server's dummy credential


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


PUBLIC_GRANTEES = (
    "http://acs.amazonaws.com/groups/global/AllUsers",
    "http://acs.amazonaws.com/groups/global/AuthenticatedUsers",
)


def public_objects(s3: Any) -> tuple[int, list[str]]:
    """How many objects the bucket holds, and the keys of those anyone may read."""
    count, public = 0, []
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET):
        for item in page.get("Contents", []):
            count += 1
            grants = s3.get_object_acl(Bucket=BUCKET, Key=item["Key"])["Grants"]
            if any(grant["Grantee"].get("URI") in PUBLIC_GRANTEES for grant in grants):
                public.append(item["Key"])
    return count, public


def main(argv: list[str]) -> int:
    import boto3
    from moto.server import ThreadedMotoServer

    logging.getLogger("werkzeug").setLevel(logging.ERROR)  # no line per S3 request
    port = _free_port()
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=port, verbose=False)
    server.start()
    endpoint = f"http://127.0.0.1:{port}"
    try:
        s3 = boto3.client(
            "s3", endpoint_url=endpoint, aws_access_key_id=KEY, aws_secret_access_key=SECRET, region_name="us-east-1"
        )
        s3.create_bucket(Bucket=BUCKET)
        env = {
            **os.environ,
            "LONTAR_S3_BUCKET": BUCKET,
            "LONTAR_S3_ENDPOINT_URL": endpoint,
            "LONTAR_S3_ACCESS_KEY": KEY,
            "LONTAR_S3_SECRET_KEY": SECRET,
            "AWS_DEFAULT_REGION": "us-east-1",
            "LONTAR_TEST_S3": "1",
        }
        done = subprocess.run([sys.executable, "-m", "pytest", *argv], env=env, check=False)
        objects, public = public_objects(s3)
        print(f"S3 run: bucket {BUCKET} at {endpoint} holds {objects} objects after the run, {len(public)} public")
        for key in public:
            print(f"  readable without a signature: {key}", file=sys.stderr)
        return done.returncode or (1 if public else 0)
    finally:
        server.stop()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
