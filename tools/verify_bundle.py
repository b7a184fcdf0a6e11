#!/usr/bin/env python3
"""Independent verifier of a leubank offline bundle.

Written from docs/formats/bundle.md and docs/formats/journal.md (sections 1-3)
alone, sharing no code with leubank: hashlib for the chain, PyNaCl (Debian's
python3-nacl) for the Ed25519 signatures.

    tools/verify_bundle.py DIR [--public-key HEX]

Exit status: 0 valid, 3 invalid (prints "BUNDLE REJECTED at FILE:LINE: why"),
2 when DIR is not a directory, 77 when PyNaCl is not installed.
"""
import hashlib
import json
import os
import re
import sys

try:
    from nacl.exceptions import BadSignatureError
    from nacl.signing import VerifyKey
except ImportError:
    print("verify_bundle.py: PyNaCl is not installed (apt-get install python3-nacl)", file=sys.stderr)
    sys.exit(77)

HEX64 = re.compile(r"[0-9a-f]{64}\Z")
HEX128 = re.compile(r"[0-9a-f]{128}\Z")
SUFFIX = re.compile(r',"hash":"([0-9a-f]{64})"\}\Z')
MEMBERS = {"seq", "time", "actor", "type", "v", "payload"}


class Rejected(Exception):
    def __init__(self, where, why):
        super().__init__(f"{where}: {why}")
        self.where, self.why = where, why


def canonical(value):
    # journal.md section 2: sorted keys, no whitespace, UTF-8 as is, integers only.
    def check(v):
        if isinstance(v, float):
            raise ValueError("a number that is not an integer")
        if isinstance(v, dict):
            for x in v.values():
                check(x)
        if isinstance(v, list):
            for x in v:
                check(x)
    check(value)
    return json.dumps(value, sort_keys=True, separators=(",", ":"), ensure_ascii=False)


def key_id_of(public_hex):
    return hashlib.sha256(bytes.fromhex(public_hex)).hexdigest()[:16]


def read_lines(path, name):
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError:
        raise Rejected(name, "missing")
    return data


def check(bundle, expected_key=None):
    data = read_lines(os.path.join(bundle, "journal.jsonl"), "journal.jsonl")
    prev = bytes(32)
    prev_hex = ""
    keys = {}
    key_lines, checkpoint_lines = [], []
    last_type, signed = None, None
    n = 0
    pos = 0
    while pos < len(data):
        n += 1
        where = f"journal.jsonl:{n}"
        end = data.find(b"\n", pos)
        if end < 0:
            raise Rejected(where, "the last line does not end with a newline")
        raw = data[pos:end]
        pos = end + 1
        try:
            line = raw.decode("utf-8")
        except UnicodeDecodeError:
            raise Rejected(where, "not UTF-8")
        m = SUFFIX.search(line)
        if not m:
            raise Rejected(where, "no hash member at the end of the line")
        stored_hash = m.group(1)
        body = line[: m.start()] + "}"
        try:
            event = json.loads(body)
        except ValueError:
            raise Rejected(where, "the event is not JSON")
        if not isinstance(event, dict) or set(event) != MEMBERS:
            raise Rejected(where, "the event does not have exactly the six members")
        if type(event["seq"]) is not int or event["seq"] != n:
            raise Rejected(where, f"seq is {event['seq']!r}, expected {n}")
        if type(event["v"]) is not int or event["v"] not in (1, 2):
            raise Rejected(where, "format version is not 1 or 2")
        if not isinstance(event["payload"], dict):
            raise Rejected(where, "payload is not an object")
        try:
            if canonical(event) != body:
                raise Rejected(where, "the event is not in canonical form")
        except ValueError as e:
            raise Rejected(where, str(e))
        digest = hashlib.sha256(prev + body.encode("utf-8")).digest()
        if digest.hex() != stored_hash:
            raise Rejected(where, "the hash does not match: the chain is broken")
        p = event["payload"]
        if event["type"] == "key.published":
            pk, kid = p.get("public_key"), p.get("key_id")
            if not isinstance(pk, str) or not HEX64.match(pk) or key_id_of(pk) != kid:
                raise Rejected(where, "the key id is not the published key's id")
            if kid in keys:
                raise Rejected(where, "the key is published twice")
            keys[kid] = pk
            key_lines.append(canonical({"event": n, "key_id": kid, "public_key": pk}) + "\n")
        elif event["type"] == "checkpoint.signed":
            seq, h, kid, sig = p.get("seq"), p.get("hash"), p.get("key_id"), p.get("signature")
            if type(seq) is not int or seq != n - 1 or h != prev_hex:
                raise Rejected(where, "the checkpoint does not sign the event before it")
            if kid not in keys:
                raise Rejected(where, "the checkpoint's key is not published before it")
            if not isinstance(sig, str) or not HEX128.match(sig):
                raise Rejected(where, "the signature is not 128 hex digits")
            message = f"leubank-checkpoint-v1:{seq}:{h}".encode("ascii")
            try:
                VerifyKey(bytes.fromhex(keys[kid])).verify(message, bytes.fromhex(sig))
            except BadSignatureError:
                raise Rejected(where, "the signature does not verify")
            signed = (seq, h, kid)
            checkpoint_lines.append(
                canonical({"event": n, "hash": h, "key_id": kid, "seq": seq, "signature": sig}) + "\n")
        prev, prev_hex = digest, stored_hash
        last_type = event["type"]
    if n == 0:
        raise Rejected("journal.jsonl:0", "the journal is empty")
    if last_type != "checkpoint.signed":
        raise Rejected(f"journal.jsonl:{n}", "the journal does not end with a checkpoint")
    for name, expected in (("checkpoints.jsonl", checkpoint_lines), ("keys.jsonl", key_lines)):
        text = read_lines(os.path.join(bundle, name), name)
        want = "".join(expected).encode("utf-8")
        if text != want:
            got = text.split(b"\n")
            exp = want.split(b"\n")
            line = next((i + 1 for i in range(max(len(got), len(exp)))
                         if i >= len(got) or i >= len(exp) or got[i] != exp[i]), 1)
            raise Rejected(f"{name}:{line}", "differs from the journal's events")
    if expected_key is not None and key_id_of(expected_key) != signed[2]:
        raise Rejected(f"journal.jsonl:{n}", "the last checkpoint is not signed by the expected key")
    return n, len(checkpoint_lines), signed


def main(argv):
    args = argv[1:]
    expected_key = None
    if "--public-key" in args:
        i = args.index("--public-key")
        expected_key = args[i + 1]
        del args[i:i + 2]
    if len(args) != 1:
        print(__doc__, file=sys.stderr)
        return 2
    bundle = args[0]
    if not os.path.isdir(bundle):
        print(f"verify_bundle.py: '{bundle}' is not a directory", file=sys.stderr)
        return 2
    try:
        events, checkpoints, (seq, h, kid) = check(bundle, expected_key)
    except Rejected as e:
        print(f"BUNDLE REJECTED at {e.where}: {e.why}")
        return 3
    print(f"bundle {bundle} verified: {events} events, hash chain intact, "
          f"{checkpoints} checkpoint signatures valid")
    print(f"signed head: event {seq} {h} by key {kid}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
