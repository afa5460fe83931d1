"""Load test of online submission: N dossiers, two ~1 MB files each, C concurrent clients.

Each client walks the real form over HTTP (its own session and CSRF cookie), like a
browser: start → applicant → questions → documents (multipart) → consent → check →
submit → confirmation page. Standard library only (threads + http.client).

    python bench/load_submit.py --base http://127.0.0.1:8103 --slug dang-ky-khai-sinh \
        --dossiers 200 --clients 16 --verify

--verify then checks, through the ORM (same DATABASE_URL/PRIVATE_MEDIA_ROOT as the
server), that every code exists once with both files on disk and their SHA-256 intact.
Prints the figures and exits non-zero when a target is missed (distinct codes, complete
dossiers, no server error, p99 < 1 s).
"""

import argparse
import hashlib
import http.client
import json
import os
import re
import statistics
import sys
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from urllib.parse import urlencode, urlsplit

FILE_SIZE = 1024 * 1024


def make_pdf(seed):
    """A valid ~1 MB PDF (one page whose content stream is padded), distinct per seed."""
    pad = (seed.encode() * (FILE_SIZE // len(seed) + 1))[: FILE_SIZE - 400]
    stream = b"%% " + pad + b"\n"
    body = (
        b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n"
        b"2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
        b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]/Contents 4 0 R>>endobj\n"
        + b"4 0 obj<</Length "
        + str(len(stream)).encode()
        + b">>stream\n"
        + stream
        + b"endstream endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
    )
    return body


class Client:
    """One resident: a connection, a cookie jar (secure flags ignored on plain HTTP)."""

    def __init__(self, base, timings, lock):
        parts = urlsplit(base)
        self.host, self.port = parts.hostname, parts.port or 80
        self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
        self.cookies = {}
        self.timings, self.lock = timings, lock
        self.statuses = []

    def request(self, method, path, body=None, headers=None, label=""):
        headers = dict(headers or {})
        if self.cookies:
            headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in self.cookies.items())
        headers.setdefault("Host", f"{self.host}:{self.port}")
        started = time.perf_counter()
        try:
            self.conn.request(method, path, body=body, headers=headers)
            response = self.conn.getresponse()
            data = response.read()
        except (http.client.HTTPException, OSError):
            self.conn.close()
            self.conn = http.client.HTTPConnection(self.host, self.port, timeout=60)
            raise
        elapsed = time.perf_counter() - started
        with self.lock:
            self.timings.append((label or method, elapsed, response.status))
        for header, value in response.getheaders():
            if header.lower() == "set-cookie":
                name, _, rest = value.partition("=")
                self.cookies[name.strip()] = rest.split(";", 1)[0]
        self.statuses.append(response.status)
        return response, data

    def get(self, path, label=""):
        response, data = self.request("GET", path, label=label)
        while response.status in (301, 302, 303):
            path = response.getheader("Location")
            response, data = self.request("GET", path, label=label)
        return response, data, path

    def post(self, path, fields, files=None, label=""):
        fields = {"csrfmiddlewaretoken": self.cookies.get("csrftoken", ""), **fields}
        headers = {"Referer": f"http://{self.host}:{self.port}{path}"}
        if files:
            boundary = uuid.uuid4().hex
            body = bytearray()
            for key, value in fields.items():
                body += (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"\r\n\r\n'
                    f"{value}\r\n"
                ).encode()
            for key, (filename, content, ctype) in files.items():
                body += (
                    f'--{boundary}\r\nContent-Disposition: form-data; name="{key}"; '
                    f'filename="{filename}"\r\nContent-Type: {ctype}\r\n\r\n'
                ).encode()
                body += content + b"\r\n"
            body += f"--{boundary}--\r\n".encode()
            headers["Content-Type"] = f"multipart/form-data; boundary={boundary}"
            body = bytes(body)
        else:
            body = urlencode(fields).encode()
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response, data = self.request("POST", path, body, headers, label=label)
        return response, data


def _attrs(tag):
    return {k.decode(): v.decode() for k, v in re.findall(rb'([a-z-]+)="([^"]*)"', tag)}


def fill_questions(html):
    """Answer a procedure's own questions: the first option of each choice, a date of a
    month ago (day-first) where a date is asked, 1 for a number, a name for other text."""
    answers = {}
    a_month_ago = time.strftime("%d/%m/%Y", time.localtime(time.time() - 30 * 86400))
    for tag in re.findall(rb"<(?:input|textarea)\b[^>]*>", html):
        attrs = _attrs(tag)
        name, kind = attrs.get("name", ""), attrs.get("type", "text")
        if not name or name in {"csrfmiddlewaretoken", "q"} or kind in {"hidden", "submit"}:
            continue
        if kind in {"radio", "checkbox"}:
            answers.setdefault(name, attrs.get("value", "on"))
        elif kind == "number" or attrs.get("inputmode") == "decimal":
            answers.setdefault(name, "1")
        elif attrs.get("inputmode") == "numeric" or "ngay" in name:
            answers.setdefault(name, a_month_ago)
        else:
            answers.setdefault(name, "Nguyễn Văn Bình")
    for name, options in re.findall(rb'<select[^>]*name="([^"]+)"[^>]*>(.*?)</select>', html, re.S):
        values = [v for v in re.findall(rb'<option value="([^"]+)"', options)]
        if values:
            answers.setdefault(name.decode(), values[0].decode())
    return answers


def one_dossier(n, args, timings, lock):
    """Submit one dossier; return (code or None, error or None, sha256 list, statuses)."""
    client = Client(args.base, timings, lock)
    prefix = f"/thu-tuc/{args.slug}/nop-ho-so"
    try:
        response, html, path = client.get(f"{prefix}/", label="start")
        if response.status != 200:
            return None, f"start {response.status}", [], client.statuses
        applicant = {
            "full_name": "Người Thử Tải",
            "id_number": "031090001234",
            "birth_date": "17/05/1990",
            "sex": "male",
            "phone": f"09{12000000 + n:08d}",
            "email": "",
            "province": args.province,
            "ward": args.ward,
            "ward_name": "",
            "street": f"Số {n}, tổ dân phố 1",
        }
        response, html = client.post(f"{prefix}/nguoi-nop/", applicant, label="applicant")
        if response.status != 302:
            why = re.findall(
                rb'class="field__error"[^>]*>(?:<span[^>]*>[^<]*</span>)?([^<]+)', html
            )
            return None, f"applicant {response.status}: {why[:2]}", [], client.statuses
        location = response.getheader("Location")
        if location.endswith("/cau-hoi/"):
            _, html, _ = client.get(location, label="questions-get")
            response, _ = client.post(location, fill_questions(html), label="questions")
            if response.status != 302:
                return None, f"questions {response.status}", [], client.statuses
            location = response.getheader("Location")
        _, html, _ = client.get(location, label="documents-get")
        slots = re.findall(rb'name="(doc_\d+)"', html)[:2]
        files, digests = {}, []
        for i, slot in enumerate(slots):
            content = make_pdf(f"dossier-{n}-file-{i}-{uuid.uuid4().hex}")
            digests.append(hashlib.sha256(content).hexdigest())
            files[slot.decode()] = (f"giay-to-{i}.pdf", content, "application/pdf")
        response, _ = client.post(location, {}, files=files, label="upload")
        if response.status != 302:
            return None, f"upload {response.status}", [], client.statuses
        response, _ = client.post(f"{prefix}/dong-y/", {"consent": "on"}, label="consent")
        _, html, _ = client.get(f"{prefix}/kiem-tra/", label="check")
        token = re.search(rb'name="submission_token" value="([^"]+)"', html)
        if not token:
            return None, "no submission token", [], client.statuses
        response, _ = client.post(
            f"{prefix}/kiem-tra/", {"submission_token": token.group(1).decode()}, label="submit"
        )
        if response.status != 302:
            return None, f"submit {response.status}", [], client.statuses
        _, html, _ = client.get(response.getheader("Location"), label="done")
        code = re.search(rb"data-dossier-code>([^<]+)<", html)
        return (code.group(1).decode().strip() if code else None), None, digests, client.statuses
    except Exception as exc:  # noqa: BLE001 - every failure is counted and reported
        return None, f"{type(exc).__name__}: {exc}", [], client.statuses


def p99(values):
    values = sorted(values)
    return values[min(len(values) - 1, int(round(0.99 * (len(values) - 1))))] if values else 0.0


def verify(results):
    """Check each code once in the DB with all its files present and intact."""
    import django

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "anphong.settings.prod")
    sys.path.insert(0, os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
    django.setup()
    from procedures.models import Dossier
    from procedures.storage import private_storage

    complete = 0
    for code, digests in results:
        dossier = Dossier.objects.filter(code=code).prefetch_related("documents").first()
        if dossier is None:
            continue
        stored = []
        for doc in dossier.documents.all():
            if private_storage.exists(doc.file.name):
                with private_storage.open(doc.file.name, "rb") as handle:
                    stored.append(hashlib.sha256(handle.read()).hexdigest())
        if sorted(stored) == sorted(digests) and len(stored) == len(digests) == 2:
            complete += 1
    return complete


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="http://127.0.0.1:8103")
    parser.add_argument("--slug", default="dang-ky-khai-sinh")
    parser.add_argument("--dossiers", type=int, default=200)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--province", required=True, help="Province pk (Hải Phòng)")
    parser.add_argument("--ward", required=True, help="Ward pk (An Phong)")
    parser.add_argument("--verify", action="store_true")
    parser.add_argument("--json", help="write the figures to this file")
    args = parser.parse_args()

    timings, lock = [], threading.Lock()
    started = time.perf_counter()
    with ThreadPoolExecutor(max_workers=args.clients) as pool:
        outcomes = list(
            pool.map(lambda n: one_dossier(n, args, timings, lock), range(args.dossiers))
        )
    wall = time.perf_counter() - started

    codes = [code for code, error, _d, _s in outcomes if code]
    errors = [error for _c, error, _d, _s in outcomes if error]
    server_errors = sum(1 for _l, _t, status in timings if status >= 500)
    all_times = [t for _l, t, _s in timings]
    submit_times = [t for label, t, _s in timings if label == "submit"]
    upload_times = [t for label, t, _s in timings if label == "upload"]
    figures = {
        "dossiers_requested": args.dossiers,
        "clients": args.clients,
        "codes_returned": len(codes),
        "distinct_codes": len(set(codes)),
        "client_errors": len(errors),
        "first_errors": errors[:5],
        "server_errors_5xx": server_errors,
        "requests": len(timings),
        "p50_s": round(statistics.median(all_times), 3) if all_times else None,
        "p99_s": round(p99(all_times), 3),
        "p99_upload_s": round(p99(upload_times), 3),
        "p99_submit_s": round(p99(submit_times), 3),
        "wall_s": round(wall, 1),
        # Where the time goes: each step's p50 / p99 (seconds).
        "steps": {
            label: [round(statistics.median(times), 3), round(p99(times), 3)]
            for label in dict.fromkeys(label for label, _t, _s in timings)
            for times in [[t for lab, t, _s in timings if lab == label]]
        },
    }
    if args.verify:
        figures["complete_dossiers"] = verify([(c, d) for c, _e, d, _s in outcomes if c])
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if args.json:
        with open(args.json, "w") as handle:
            json.dump(figures, handle, indent=2, ensure_ascii=False)
    ok = (
        figures["distinct_codes"] == args.dossiers
        and server_errors == 0
        and figures["p99_s"] < 1.0
        and (not args.verify or figures["complete_dossiers"] == args.dossiers)
    )
    sys.exit(0 if ok else 1)


if __name__ == "__main__":
    main()
