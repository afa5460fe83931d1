"""The deployment folder (deploy/) agrees with the application and with itself.

Gunicorn's config loads and gunicorn accepts it with the real WSGI application; nginx's body
limits follow the upload limits of the settings; no nginx root or alias can reach residents'
private files; the proxy sets the scheme header the production settings trust; every
systemd unit runs a real management command with arguments it accepts, as the same user,
from the same folder, with the same environment file. With nginx installed, nginx itself
checks the site and a live instance shows that a body which never arrives never reaches the
application.
"""

import ast
import contextlib
import fnmatch
import os
import re
import runpy
import shlex
import shutil
import socket
import ssl
import subprocess
import sys
import threading
import time
from pathlib import Path, PurePosixPath

import pytest
from django.conf import settings
from django.core.files.base import ContentFile
from django.core.management import get_commands, load_command_class
from whitenoise.storage import CompressedManifestStaticFilesStorage

from anphong.settings import base as base_settings
from procedures.storage import FINAL_PREFIX, TMP_PREFIX

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
SITE = DEPLOY / "nginx" / "anphong.conf"
UNITS = DEPLOY / "systemd"
GUNICORN_CONF = DEPLOY / "gunicorn.conf.py"

# The deployed layout every file must agree on.
APP_DIR = PurePosixPath("/srv/anphong/app")
ENV_FILE = "/etc/anphong/anphong.env"
HOST = "anphong.haiphong.gov.vn"
MIB = 1024 * 1024
SIZE_UNITS = {"": 1, "k": 1024, "m": MIB, "g": 1024 * MIB}


# --- a small nginx parser: [(name, [args], children or None)] --------------------------


def _tokens(text):
    token_re = re.compile(r"""\s+|#[^\n]*|"((?:\\.|[^"\\])*)"|'([^']*)'|([{};])|([^\s{};"'#]+)""")
    pos = 0
    while pos < len(text):
        m = token_re.match(text, pos)
        assert m, f"cannot parse nginx config at: {text[pos : pos + 40]!r}"
        pos = m.end()
        if m.group(1) is not None or m.group(2) is not None:
            yield ("word", m.group(1) if m.group(1) is not None else m.group(2))
        elif m.group(3):
            yield ("punct", m.group(3))
        elif m.group(4):
            yield ("word", m.group(4))


def parse_nginx(text):
    stack, current, words = [], [], []
    for kind, value in _tokens(text):
        if kind == "word":
            words.append(value)
        elif value == ";":
            current.append((words[0], words[1:], None))
            words = []
        elif value == "{":
            block = (words[0], words[1:], [])
            current.append(block)
            stack.append(current)
            current, words = block[2], []
        else:  # "}"
            assert not words, f"directive without ';' before '}}': {words}"
            current = stack.pop()
    assert not stack and not words, "unbalanced braces in the nginx site"
    return current


def walk(block, parents=()):
    """Yield (directive, its enclosing blocks) for every directive, depth first."""
    for directive in block:
        yield directive, parents
        if directive[2] is not None:
            yield from walk(directive[2], (*parents, directive))


def values(block, name):
    return [args for n, args, _children in block if n == name]


def size(value):
    m = re.fullmatch(r"(\d+)([kKmMgG]?)", value)
    assert m, value
    return int(m.group(1)) * SIZE_UNITS[m.group(2).lower()]


def seconds(value):
    m = re.fullmatch(r"(\d+)(s|m)?", value)
    assert m, value
    return int(m.group(1)) * (60 if m.group(2) == "m" else 1)


@pytest.fixture(scope="module")
def site():
    return parse_nginx(SITE.read_text(encoding="utf-8"))


def app_server(site):
    """The server block that serves the portal (the one that proxies to gunicorn)."""
    servers = [
        children
        for name, _args, children in site
        if name == "server" and any(d[0] == "proxy_pass" for d, _parents in walk(children))
    ]
    assert len(servers) == 1
    return servers[0]


def locations(server):
    return {" ".join(args): children for name, args, children in server if name == "location"}


def env_example():
    found = {}
    for line in (ROOT / ".env.example").read_text(encoding="utf-8").splitlines():
        m = re.match(r"#?\s*([A-Z][A-Z0-9_]*)=(.*)$", line.strip())
        if m:
            found.setdefault(m.group(1), m.group(2))
    return found


# --- systemd units: {section: {key: [values]}} -----------------------------------------


def parse_unit(path):
    sections, current = {}, None
    lines = path.read_text(encoding="utf-8").splitlines()
    for line in lines:
        line = line.strip()
        if not line or line.startswith(("#", ";")):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
            continue
        key, sep, value = line.partition("=")
        assert sep and current is not None, f"{path.name}: not a unit line: {line!r}"
        current.setdefault(key.strip(), []).append(value.strip())
    return sections


def units(suffix):
    found = {p.name: parse_unit(p) for p in sorted(UNITS.glob(f"*{suffix}"))}
    assert found, f"no {suffix} units in {UNITS}"
    return found


def one(unit, section, key):
    found = unit.get(section, {}).get(key, [])
    assert len(found) == 1, f"{section}/{key}: {found}"
    return found[0]


def exec_starts():
    for name, unit in units(".service").items():
        for line in unit["Service"].get("ExecStart", []):
            yield name, shlex.split(line)


# --- gunicorn ---------------------------------------------------------------------------


def load_gunicorn_conf(monkeypatch, **env):
    for key in list(os.environ):
        if key.startswith("GUNICORN_"):
            monkeypatch.delenv(key)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    return runpy.run_path(str(GUNICORN_CONF))


def test_gunicorn_config_is_sized_from_the_cpus_and_bounded(monkeypatch):
    conf = load_gunicorn_conf(monkeypatch)
    cpus = os.cpu_count() or 1
    assert conf["worker_class"] == "gthread"
    assert conf["workers"] == cpus + 1
    assert conf["threads"] >= 2
    assert conf["bind"] == ["127.0.0.1:8000"]
    assert 0 < conf["keepalive"] <= 10
    assert conf["max_requests"] > 0 and 0 < conf["max_requests_jitter"] < conf["max_requests"]
    assert conf["limit_request_fields"] > 0
    assert conf["control_socket_disable"] is True  # its default under $HOME is read-only
    assert conf["forwarded_allow_ips"] == "127.0.0.1,::1"


def test_gunicorn_settings_follow_the_environment(monkeypatch):
    conf = load_gunicorn_conf(
        monkeypatch,
        GUNICORN_WORKERS="7",
        GUNICORN_THREADS="2",
        GUNICORN_TIMEOUT="45",
        GUNICORN_BIND="unix:/run/x.sock",
        GUNICORN_CONTROL_SOCKET="/run/anphong/gunicorn.ctl",
    )
    assert (conf["workers"], conf["threads"], conf["timeout"]) == (7, 2, 45)
    assert conf["bind"] == ["unix:/run/x.sock"]
    assert conf["control_socket"] == "/run/anphong/gunicorn.ctl"
    assert "control_socket_disable" not in conf


def test_every_gunicorn_variable_is_in_env_example():
    read = set(re.findall(r"\"(GUNICORN_[A-Z_]+)\"", GUNICORN_CONF.read_text(encoding="utf-8")))
    assert read, "the config reads no GUNICORN_* variable?"
    assert read <= set(env_example())


# Every address whose last part is a resident's token (procedures, feedback, appointments).
TOKEN_PATHS = [
    "/en/tra-cuu/h/",
    "/phan-anh-kien-nghi/theo-doi/",
    "/thu-tuc/tiep-tuc/",
    "/dat-lich-hen/quan-ly/",
]


def test_the_token_paths_are_the_urlconfs():
    """A new URL with a token in it joins TOKEN_PATHS and both redactions."""
    from django.urls import reverse

    names = [
        ("procedures:tracking_token", "/tra-cuu/h/"),
        ("feedback:tracking_token", "/phan-anh-kien-nghi/theo-doi/"),
        ("procedures:draft_resume", "/thu-tuc/tiep-tuc/"),
        ("appointments:manage", "/dat-lich-hen/quan-ly/"),
    ]
    for name, prefix in names:
        assert reverse(name, args=["t0ken"]) == f"{prefix}t0ken/"


@pytest.mark.parametrize("prefix", TOKEN_PATHS)
def test_gunicorn_access_log_hides_each_token_path(monkeypatch, prefix):
    conf = load_gunicorn_conf(monkeypatch)
    pattern = conf["_TRACKING_TOKEN"]
    assert pattern.sub(r"\1[token]", f"GET {prefix}s3cr3t/lich.ics?x=1") == (
        f"GET {prefix}[token]/lich.ics?x=1"
    )


def test_gunicorn_access_log_hides_tracking_tokens(monkeypatch):
    import datetime as dt

    from gunicorn.config import Config
    from gunicorn.glogging import SafeAtoms

    conf = load_gunicorn_conf(monkeypatch)
    cfg = Config()
    cfg.set("accesslog", None)
    logger = conf["RedactingLogger"](cfg)

    class Response:
        status = "302 Found"
        sent = 0
        headers = []

    environ = {
        "REQUEST_METHOD": "GET",
        "RAW_URI": "/en/tra-cuu/h/s3cr3t-t0ken/?x=1",
        "PATH_INFO": "/en/tra-cuu/h/s3cr3t-t0ken/",
        "SERVER_PROTOCOL": "HTTP/1.0",
        "HTTP_REFERER": "https://x/tra-cuu/h/other-token/",
    }
    atoms = logger.atoms(Response(), [], environ, dt.timedelta(milliseconds=12))
    line = conf["access_log_format"] % SafeAtoms(atoms)
    assert "s3cr3t" not in line and "/en/tra-cuu/h/[token]/?x=1" in line
    assert "other-token" not in atoms["f"]
    assert "12ms" in line  # the request time is logged


def test_gunicorn_accepts_the_config_and_loads_the_application(tmp_path):
    gunicorn = Path(sys.executable).parent / "gunicorn"
    env = {
        **{k: v for k, v in os.environ.items() if not k.startswith(("GUNICORN_", "DJANGO_"))},
        "DJANGO_SETTINGS_MODULE": "anphong.settings.prod",
        "SECRET_KEY": "check-config-only-" + "x" * 40,
        "ALLOWED_HOSTS": HOST,
        "REDIS_URL": "redis://127.0.0.1:6379/0",  # the prod settings want it; never reached
        "DATABASE_URL": f"sqlite:///{tmp_path / 'db.sqlite3'}",
        "VAR_DIR": str(tmp_path),
        "STATIC_ROOT": str(tmp_path / "static"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
    }
    result = subprocess.run(
        [str(gunicorn), "--check-config", "-c", str(GUNICORN_CONF), "anphong.wsgi:application"],
        env=env,
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


# --- nginx: limits, headers, paths ----------------------------------------------------


def test_public_body_limit_fits_one_dossier_and_no_more(site):
    server = app_server(site)
    (limit,) = values(server, "client_max_body_size")
    limit = size(limit[0])
    # One step of the online form carries at most the whole dossier (the documents form
    # refuses what would pass DOSSIER_MAX_TOTAL_SIZE), plus the multipart envelope.
    largest = max(settings.DOSSIER_MAX_TOTAL_SIZE, settings.DOSSIER_MAX_FILE_SIZE)
    assert largest + 64 * 1024 <= limit <= largest + 4 * MIB
    # Only the server sets it: no http-level or other-server default to grow past it.
    assert not values(site, "client_max_body_size")


def test_admin_body_limit_fits_what_editors_upload(site):
    server = app_server(site)
    admin = locations(server)["/quan-tri/"]
    (limit,) = values(admin, "client_max_body_size")
    limit = size(limit[0])
    # An article with its cover and five new gallery pictures, a register PDF, or one
    # dossier registered at the desk.
    largest = max(
        6 * settings.NEWS_IMAGE_MAX_BYTES,
        settings.DOCUMENT_MAX_BYTES,
        settings.DOSSIER_MAX_TOTAL_SIZE,
    )
    assert largest + 64 * 1024 <= limit <= largest + 16 * MIB
    others = [
        (args, parents[-1][1])
        for (name, args, _c), parents in walk(server)
        if name == "client_max_body_size" and parents and parents[-1][1] != ["/quan-tri/"]
    ]
    assert not others, f"another location sets its own body limit: {others}"


def test_the_413_page_states_the_limits():
    page = (DEPLOY / "nginx" / "errors" / "413.html").read_text(encoding="utf-8")
    assert f"{settings.DOSSIER_MAX_TOTAL_SIZE // MIB} MB" in page
    assert f"{settings.DOSSIER_MAX_FILE_SIZE // MIB} MB" in page


def test_slow_clients_are_held_by_nginx_not_by_gunicorn(site, monkeypatch):
    server = app_server(site)
    assert values(server, "proxy_request_buffering") == [["on"]]
    assert values(server, "proxy_buffering") == [["on"]]
    for name in ("client_header_timeout", "client_body_timeout", "send_timeout"):
        (value,) = values(server, name)
        assert seconds(value[0]) <= 30, name
    # nginx waits for gunicorn longer than gunicorn lets a worker hang.
    (read_timeout,) = values(server, "proxy_read_timeout")
    assert seconds(read_timeout[0]) > load_gunicorn_conf(monkeypatch)["timeout"]
    # Whatever header size nginx lets through, gunicorn accepts.
    (buffers,) = values(server, "large_client_header_buffers")
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["limit_request_line"] >= size(buffers[1]) - 2
    assert conf["limit_request_field_size"] >= size(buffers[1]) - 2


def _prod_proxy_ssl_header():
    tree = ast.parse((ROOT / "anphong" / "settings" / "prod.py").read_text(encoding="utf-8"))
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "SECURE_PROXY_SSL_HEADER" for t in node.targets
        ):
            return ast.literal_eval(node.value)
    raise AssertionError("SECURE_PROXY_SSL_HEADER not set in anphong/settings/prod.py")


def test_the_proxy_sends_the_scheme_header_django_trusts(site, monkeypatch):
    meta_name, expected = _prod_proxy_ssl_header()
    assert meta_name.startswith("HTTP_") and expected == "https"
    header = meta_name.removeprefix("HTTP_").replace("_", "-").lower()
    server = app_server(site)
    headers = {args[0].lower(): args[1:] for args in values(server, "proxy_set_header")}
    assert headers[header] == ["$scheme"]
    assert headers["host"] == ["$host"]
    assert headers["x-forwarded-for"] == ["$proxy_add_x_forwarded_for"]
    # $scheme is "https" only if every address of that server is TLS.
    for listen in values(server, "listen"):
        assert "ssl" in listen, listen
    # Locations inherit the headers only while they set none of their own.
    for name, args, children in server:
        if name == "location" and any(d[0] == "proxy_pass" for d, _p in walk(children)):
            assert not [d for d, _p in walk(children) if d[0] == "proxy_set_header"], args
    # gunicorn takes the scheme from the same header, and from no other.
    conf = load_gunicorn_conf(monkeypatch)
    assert conf["secure_scheme_headers"] == {header.upper(): expected}


def test_hsts_is_left_to_django(site):
    added = [args for (name, args, _c), _p in walk(site) if name == "add_header"]
    assert not [a for a in added if a[0].lower() == "strict-transport-security"]


def test_no_root_or_alias_reaches_the_private_files(site):
    env = env_example()
    private = PurePosixPath(env["PRIVATE_MEDIA_ROOT"])
    var = PurePosixPath(env["VAR_DIR"])
    paths = []
    for (name, args, _c), parents in walk(site):
        if name in ("root", "alias"):
            path = PurePosixPath(args[0])
            assert path.is_absolute(), f"{name} {args[0]}: relative to nginx's prefix"
            paths.append(path)
            assert not private.is_relative_to(path), f"{name} {path} serves {private}"
            assert path != var and not var.is_relative_to(path), f"{name} {path} above VAR_DIR"
            if name == "alias":
                # `location /media { alias …/media/; }` lets /media../private through.
                location = parents[-1][1][-1]
                assert location.endswith("/") == args[0].endswith("/"), (location, args[0])
    # No server without a root of its own falls back on nginx's default html folder for files.
    assert paths
    aliases = {
        " ".join(parents[-1][1]): args[0]
        for (name, args, _c), parents in walk(app_server(site))
        if name == "alias"
    }
    assert aliases["/static/"] == env["STATIC_ROOT"] + "/"
    assert aliases["/media/"] == env["MEDIA_ROOT"] + "/"
    for public in (env["STATIC_ROOT"], env["MEDIA_ROOT"]):
        assert not private.is_relative_to(PurePosixPath(public))
    assert settings.STATIC_URL == "/static/" and settings.MEDIA_URL == "/media/"


def test_the_private_storage_folders_are_refused_under_media(site):
    media = locations(app_server(site))["/media/"]
    (deny,) = [args for name, args, _c in media if name == "location" and args[0] == "~"]
    pattern = re.compile(deny[1])
    for prefix in (TMP_PREFIX, FINAL_PREFIX, "private"):
        assert pattern.search(f"/media/{prefix}/2026/01/x.pdf"), prefix
        assert pattern.search(f"/media/var/{prefix}/x.pdf"), prefix
    assert not pattern.search("/media/news/2026/01/0123456789abcdef0123456789abcdef.jpg")
    assert not pattern.search("/media/van-ban/2026/dossiers-2026.pdf")
    assert values(locations(media)[" ".join(deny)], "return") == [["404"]]
    for name in ("disable_symlinks", "autoindex"):
        assert values(media, name), name


def _map(site, variable):
    (entries,) = [c for n, args, c in site if n == "map" and args[1] == variable]
    return {pattern: args[0] for pattern, args, _c in entries}


def _immutable_pattern(site, variable):
    (pattern,) = [p for p, value in _map(site, variable).items() if "immutable" in value]
    return re.compile(pattern.removeprefix("~"))


def test_static_caching_marks_only_hashed_names_immutable(site, tmp_path):
    pattern = _immutable_pattern(site, "$anphong_static_cache")
    # Django's manifest storage: name.<first 12 hex of the MD5>.ext.
    assert pattern.search("/static/css/site.0a1b2c3d4e5f.css")
    assert not pattern.search("/static/css/site.css")
    # The production storage (the test settings swap in a plain one) and its hash length.
    assert base_settings.STORAGES["staticfiles"]["BACKEND"] == (
        "whitenoise.storage.CompressedManifestStaticFilesStorage"
    )
    storage = CompressedManifestStaticFilesStorage(location=str(tmp_path))
    hashed = storage.file_hash("site.css", ContentFile(b"body { color: red }"))
    assert pattern.search(f"/static/css/site.{hashed}.css")
    headers = values(locations(app_server(site))["/static/"], "add_header")
    assert ["Cache-Control", "$anphong_static_cache"] in headers


def test_media_caching_marks_only_uuid_names_immutable(site):
    pattern = _immutable_pattern(site, "$anphong_media_cache")
    uuid = "0123456789abcdef0123456789abcdef"
    for path in (
        f"news/2026/01/{uuid}.jpg",
        f"news/2026/01/{uuid}-960.webp",
        f"van-ban/{uuid}.pdf",
    ):
        assert pattern.search(f"/media/{path}"), path
    for path in ("people/2026/nguyen-van-a.jpg", "procedures/forms/to-khai.pdf"):
        assert not pattern.search(f"/media/{path}"), path
    headers = values(locations(app_server(site))["/media/"], "add_header")
    assert ["Cache-Control", "$anphong_media_cache"] in headers


def test_access_log_hides_tracking_tokens(site):
    ((pattern, replacement),) = [
        (p, v) for p, v in _map(site, "$anphong_log_uri").items() if p != "default"
    ]
    regex = re.compile(pattern.removeprefix("~").replace("?<", "?P<"))
    for prefix in TOKEN_PATHS:
        m = regex.match(f"{prefix}s3cr3t/?a=1")
        assert m, prefix
        logged = re.sub(r"\$\{(\w+)\}", lambda v, m=m: m.group(v.group(1)), replacement)
        assert logged == f"{prefix}[token]/?a=1"
    assert "$anphong_log_uri" in " ".join(values(site, "log_format")[0])


def test_nginx_error_pages_exist_in_vietnamese(site):
    server = app_server(site)
    pages = {args[-1] for args in values(server, "error_page")}
    (alias,) = values(locations(server)["^~ /_loi/"], "alias")
    folder = PurePosixPath(alias[0])
    for page in pages:
        assert page.startswith("/_loi/")
        local = ROOT / folder.relative_to(APP_DIR) / page.removeprefix("/_loi/")
        html = local.read_text(encoding="utf-8")
        assert 'lang="vi"' in html and 'charset="utf-8"' in html
    assert {"502", "504", "413"} <= {code for args in values(server, "error_page") for code in args}


def test_nginx_upstream_is_the_systemd_socket(site):
    (upstream,) = [children for name, _a, children in site if name == "upstream"]
    (server,) = values(upstream, "server")
    socket_unit = units(".socket")["anphong.socket"]
    assert server[0] == "unix:" + one(socket_unit, "Socket", "ListenStream")
    assert one(socket_unit, "Socket", "SocketMode") == "0660"
    assert one(socket_unit, "Socket", "SocketUser") == "anphong"


# --- systemd ----------------------------------------------------------------------------


def test_every_unit_runs_as_the_same_user_in_the_same_place():
    for name, unit in units(".service").items():
        service = unit["Service"]
        assert one(unit, "Service", "User") == "anphong", name
        assert one(unit, "Service", "WorkingDirectory") == str(APP_DIR), name
        assert one(unit, "Service", "EnvironmentFile") == ENV_FILE, name
        assert "DJANGO_SETTINGS_MODULE=anphong.settings.prod" in service.get("Environment", [])
        assert one(unit, "Service", "NoNewPrivileges") == "yes", name
        assert one(unit, "Service", "ProtectSystem") == "strict", name
        assert one(unit, "Service", "PrivateTmp") == "yes", name
        env = env_example()
        for path in " ".join(service.get("ReadWritePaths", [])).split():
            path = PurePosixPath(path.lstrip("-"))
            var = PurePosixPath(env["VAR_DIR"])
            assert path.is_relative_to(var) and path != var, (name, path)
            assert not path.is_relative_to(PurePosixPath(env["STATIC_ROOT"])), (name, path)


def test_every_scheduled_command_has_its_timer_and_back():
    services = units(".service")
    timers = units(".timer")
    oneshots = {n for n, u in services.items() if one(u, "Service", "Type") == "oneshot"}
    assert {n.removesuffix(".timer") + ".service" for n in timers} == oneshots
    for name, timer in timers.items():
        assert timer["Timer"].get("OnCalendar"), name
        assert one(timer, "Install", "WantedBy") == "timers.target"
    commands = {argv[2] for _n, argv in exec_starts() if argv[1:2] == ["manage.py"]}
    assert {
        "db_worker",
        "sweep_dossier_files",
        "purge_dossiers",
        "send_queued_notifications",
        "backup_site",
    } <= commands


def test_every_manage_py_command_exists_and_accepts_its_arguments(settings):
    # The production task backend (TASKS_BACKEND=database): db_worker and
    # prune_db_task_results check their --backend against it.
    settings.TASKS = {
        "default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}
    }
    known = get_commands()
    seen = 0
    for name, argv in exec_starts():
        assert PurePosixPath(argv[0]).is_relative_to(APP_DIR / ".venv" / "bin"), name
        if argv[1:2] != ["manage.py"]:
            continue
        seen += 1
        command, args = argv[2], argv[3:]
        assert command in known, f"{name}: no management command {command!r}"
        parser = load_command_class(known[command], command).create_parser("manage.py", command)
        try:
            parser.parse_args(args)
        except SystemExit:
            pytest.fail(f"{name}: {command} refuses {args}")
    assert seen >= 5


def test_the_web_unit_runs_gunicorn_with_the_config(monkeypatch):
    unit = units(".service")["anphong.service"]
    argv = shlex.split(one(unit, "Service", "ExecStart"))
    assert PurePosixPath(argv[0]).name == "gunicorn"
    conf = PurePosixPath(argv[argv.index("-c") + 1])
    assert ROOT / conf.relative_to(APP_DIR) == GUNICORN_CONF
    assert argv[-1] == settings.WSGI_APPLICATION.replace(".application", ":application")
    assert one(unit, "Unit", "Requires") == "anphong.socket"
    assert one(unit, "Service", "Type") == "notify"
    # systemd waits for the graceful shutdown before it kills.
    stop = seconds(one(unit, "Service", "TimeoutStopSec"))
    assert stop > load_gunicorn_conf(monkeypatch)["graceful_timeout"]
    # It writes the uploads, public and private, and nothing else.
    env = env_example()
    writable = set(one(unit, "Service", "ReadWritePaths").split())
    # The uploads and the folder large uploads are spooled to while they arrive.
    assert writable == {env["MEDIA_ROOT"], env["PRIVATE_MEDIA_ROOT"], env["FILE_UPLOAD_TEMP_DIR"]}


def test_the_maintenance_jobs_may_take_the_backup_lock(settings):
    from portal.maintenance import lock_path

    settings.VAR_DIR = env_example()["VAR_DIR"]
    lock = str(lock_path())
    for name in ("anphong-sweep.service", "anphong-purge.service", "anphong-backup.service"):
        writable = one(units(".service")[name], "Service", "ReadWritePaths").split()
        assert lock in writable, name


SYSTEMD_ANALYZE = shutil.which("systemd-analyze")
NGINX = shutil.which("nginx")


@pytest.mark.skipif(not SYSTEMD_ANALYZE, reason="systemd-analyze not installed")
def test_systemd_accepts_the_units():
    result = subprocess.run(
        [SYSTEMD_ANALYZE, "verify", "--man=no", *sorted(str(p) for p in UNITS.iterdir())],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # The deployed venv does not exist here; anything else is a real complaint.
    complaints = [
        line
        for line in (result.stdout + result.stderr).splitlines()
        if line.strip() and "is not executable" not in line
    ]
    assert not complaints, "\n".join(complaints)


# --- the README -------------------------------------------------------------------------


def test_readme_production_points_to_the_deploy_folder():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Production\n", 1)[1].split("\n## ", 1)[0]
    assert "deploy/" in section and "gunicorn.conf.py" in section
    assert "--workers" not in section and "--bind" not in section
    assert (DEPLOY / "README.md").exists()


# --- nginx itself -----------------------------------------------------------------------


def _local_site(tmp_path, *, http_port=80, https_port=443):
    """The site with deployed paths moved under tmp_path, and a self-signed certificate."""
    openssl = shutil.which("openssl")
    if not openssl:
        pytest.skip("openssl not installed")
    subprocess.run(
        [openssl, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2"]
        + ["-keyout", str(tmp_path / "key.pem"), "-out", str(tmp_path / "cert.pem")]
        + ["-subj", f"/CN={HOST}"],
        check=True,
        capture_output=True,
        timeout=60,
    )
    for folder in ("var/static", "var/media", "var/private", "logs", "temp"):
        (tmp_path / folder).mkdir(parents=True, exist_ok=True)
    text = SITE.read_text(encoding="utf-8")
    replacements = {
        f"{APP_DIR}/deploy/": f"{DEPLOY}/",
        "/srv/anphong/var/": f"{tmp_path}/var/",
        f"/etc/letsencrypt/live/{HOST}/fullchain.pem": str(tmp_path / "cert.pem"),
        f"/etc/letsencrypt/live/{HOST}/privkey.pem": str(tmp_path / "key.pem"),
        "/var/log/nginx/": f"{tmp_path}/logs/",
        "unix:/run/anphong.sock": f"unix:{tmp_path}/app.sock",
    }
    for old, new in replacements.items():
        assert old in text, old
        text = text.replace(old, new)
    if (http_port, https_port) != (80, 443):
        text = re.sub(r"\n\s*listen \[::\]:\d+[^;]*;", "", text)  # no IPv6 needed here
        text = re.sub(r"listen 80\b", f"listen 127.0.0.1:{http_port}", text)
        text = re.sub(r"listen 443\b", f"listen 127.0.0.1:{https_port}", text)
    (tmp_path / "site.conf").write_text(text, encoding="utf-8")
    temp = tmp_path / "temp"
    user = "user root root;\n" if os.geteuid() == 0 else ""
    wrapper = f"""{user}pid {tmp_path}/nginx.pid;
error_log {tmp_path}/logs/error.log;
events {{ worker_connections 64; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log {tmp_path}/logs/access.log;
    client_body_temp_path {temp}/body;
    proxy_temp_path {temp}/proxy;
    fastcgi_temp_path {temp}/fastcgi;
    uwsgi_temp_path {temp}/uwsgi;
    scgi_temp_path {temp}/scgi;
    include {tmp_path}/site.conf;
}}
"""
    (tmp_path / "nginx.conf").write_text(wrapper, encoding="utf-8")
    return tmp_path / "nginx.conf"


needs_nginx = pytest.mark.skipif(
    not NGINX or not Path("/etc/nginx/mime.types").exists(),
    reason="nginx not installed",
)


@needs_nginx
def test_nginx_accepts_the_site(tmp_path):
    conf = _local_site(tmp_path)
    result = subprocess.run(
        [NGINX, "-t", "-q", "-p", str(tmp_path), "-c", str(conf)],
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def _free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class _Upstream:
    """Stands in for gunicorn on the unix socket: records every byte it is sent."""

    def __init__(self, path):
        self.received = []
        self.sock = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        self.sock.bind(str(path))
        os.chmod(path, 0o666)  # noqa: S103 - a test socket in a private folder
        self.sock.listen(16)
        self.sock.settimeout(0.2)
        self.running = True
        self.thread = threading.Thread(target=self.serve, daemon=True)
        self.thread.start()

    def serve(self):
        while self.running:
            try:
                conn, _ = self.sock.accept()
            except TimeoutError:
                continue
            with conn:
                conn.settimeout(2)
                data = b""
                try:
                    while b"\r\n\r\n" not in data:
                        chunk = conn.recv(65536)
                        if not chunk:
                            break
                        data += chunk
                    head, _sep, body = data.partition(b"\r\n\r\n")
                    m = re.search(rb"(?im)^content-length:\s*(\d+)", head)
                    length = int(m.group(1)) if m else 0
                    while len(body) < length and (chunk := conn.recv(65536)):
                        body += chunk
                    data = head + b"\r\n\r\n" + body
                except OSError:
                    pass
                self.received.append(data)
                with contextlib.suppress(OSError):
                    conn.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")

    def stop(self):
        self.running = False
        self.thread.join(timeout=5)
        self.sock.close()


def _tls(port):
    context = ssl.create_default_context()
    context.check_hostname = False
    context.verify_mode = ssl.CERT_NONE
    raw = socket.create_connection(("127.0.0.1", port), timeout=10)
    return context.wrap_socket(raw, server_hostname=HOST)


def _exchange(port, request, *, wait=10):
    conn = _tls(port)
    conn.sendall(request)
    conn.settimeout(wait)
    data = b""
    try:
        while chunk := conn.recv(65536):
            data += chunk
    except (TimeoutError, ssl.SSLError, ConnectionResetError):
        pass
    conn.close()
    return data


@needs_nginx
def test_a_live_nginx_keeps_lying_clients_and_private_files_away(tmp_path):
    http_port, https_port = _free_port(), _free_port()
    conf = _local_site(tmp_path, http_port=http_port, https_port=https_port)
    site = conf.parent / "site.conf"
    # A lie found in 1 s instead of 15.
    site.write_text(
        re.sub(r"client_body_timeout \d+s", "client_body_timeout 1s", site.read_text()),
        encoding="utf-8",
    )
    (tmp_path / "var/private/dossiers").mkdir()
    (tmp_path / "var/private/dossiers/x.pdf").write_bytes(b"resident's file")
    (tmp_path / "var/media/news").mkdir()
    (tmp_path / "var/media/news/a.jpg").write_bytes(b"public picture")
    (tmp_path / "var/media/link.pdf").symlink_to(tmp_path / "var/private/dossiers/x.pdf")
    upstream = _Upstream(tmp_path / "app.sock")
    nginx = subprocess.Popen(
        [NGINX, "-p", str(tmp_path), "-c", str(conf), "-g", "daemon off;"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    try:
        for _ in range(50):
            try:
                _tls(https_port).close()
                break
            except OSError:
                time.sleep(0.1)

        def get(path):
            request = f"GET {path} HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n"
            return _exchange(https_port, request.encode())

        assert get("/media/news/a.jpg").startswith(b"HTTP/1.1 200")
        assert b"public picture" in get("/media/news/a.jpg")
        for path in (
            "/media/../private/dossiers/x.pdf",
            "/static/../private/dossiers/x.pdf",
            "/media/link.pdf",
            "/media/dossiers/x.pdf",
            "/private/dossiers/x.pdf",
        ):
            assert b"resident's file" not in get(path), path
        # /media../private/… is not a file path at all: it goes to the application.
        assert b"resident's file" not in get("/media../private/dossiers/x.pdf")

        # The scheme header is nginx's, whatever the client sent.
        upstream.received.clear()
        request = (
            f"GET /tra-cuu/ HTTP/1.1\r\nHost: {HOST}\r\nX-Forwarded-Proto: http\r\n"
            "Connection: close\r\n\r\n"
        )
        assert _exchange(https_port, request.encode()).startswith(b"HTTP/1.1 200")
        (forwarded,) = upstream.received
        assert b"\r\nX-Forwarded-Proto: https\r\n" in forwarded
        assert b"X-Forwarded-Proto: http\r\n" not in forwarded

        # A body announced but never sent never reaches the application.
        upstream.received.clear()
        lie = (
            f"POST /thu-tuc/x/nop-ho-so/giay-to/ HTTP/1.1\r\nHost: {HOST}\r\n"
            "Content-Type: application/octet-stream\r\nContent-Length: 1000000\r\n\r\n"
        ).encode() + b"x" * 10
        started = time.monotonic()
        _exchange(https_port, lie, wait=10)
        assert time.monotonic() - started < 5
        assert upstream.received == []

        # Too large for the public site: nginx answers in Vietnamese, the app hears nothing.
        big = (
            f"POST /thu-tuc/x/ HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: {60 * MIB}\r\n\r\n"
        ).encode()
        answer = _exchange(https_port, big, wait=3)
        assert answer.startswith(b"HTTP/1.1 413")
        assert "quá lớn".encode() in answer
        assert upstream.received == []

        # Plain HTTP only redirects.
        with socket.create_connection(("127.0.0.1", http_port), timeout=5) as conn:
            conn.sendall(
                f"GET /a?b=1 HTTP/1.1\r\nHost: {HOST}\r\nConnection: close\r\n\r\n".encode()
            )
            answer = conn.recv(65536)
        assert answer.startswith(b"HTTP/1.1 301")
        assert f"Location: https://{HOST}/a?b=1".encode() in answer

        # Gunicorn down: the Vietnamese 502 page.
        upstream.stop()
        (tmp_path / "app.sock").unlink()
        down = get("/")
        assert down.startswith(b"HTTP/1.1 502")
        assert "tạm thời gián đoạn".encode() in down
    finally:
        upstream.stop()
        nginx.terminate()
        nginx.wait(timeout=10)


def test_the_backup_writes_where_the_command_puts_archives_and_rotates_them_there(
    settings, monkeypatch
):
    """The unit's writable folder, its rotation and the command's default folder agree: an
    archive written elsewhere would fail under ProtectSystem=strict, one kept elsewhere
    would never be rotated."""
    from portal.backup import default_output

    settings.VAR_DIR = env_example()["VAR_DIR"]
    monkeypatch.delenv("BACKUP_DIR", raising=False)
    unit = units(".service")["anphong-backup.service"]
    archive = default_output()
    archives = str(archive.parent)
    assert archives in one(unit, "Service", "ReadWritePaths").split()
    rotation = shlex.split(one(unit, "Service", "ExecStartPost"))
    assert rotation[:2] == ["/usr/bin/find", archives] and rotation[-1] == "-delete"
    assert fnmatch.fnmatch(archive.name, rotation[rotation.index("-name") + 1])
    assert one(unit, "Service", "UMask") == "0077"  # archives readable by the service only
