"""Throughput benchmark: ip-digitizer against bare Tesseract and OCRmyPDF, side by side.

In one run, on the same generated scanned pages:
  * bare ``tesseract`` (one process per core, one OpenMP thread each, same language);
  * ip-digitizer end to end (cleanup, OCR, extraction, every output to a real S3 server) with
    1 worker and with N workers;
  * OCRmyPDF ``--deskew --clean --rotate-pages --jobs N`` (if installed: ``make bench``);
  * a born-digital PDF through the text-layer path;
  * peak memory of the whole process tree for a small and a large batch: the sum of each
    process's proportional set size (PSS), so that pages two processes share (libraries, a
    worker forking a Tesseract process) count once, not once per process.
It prints pages per second, the ratios and the targets. These machines are shared and noisy:
compare only figures from the same run.

    .venv/bin/python benchmarks/throughput.py                    # defaults: 40 pages, N = cores
    .venv/bin/python benchmarks/throughput.py --memory-pages 1000  # the memory-flatness check
"""

from __future__ import annotations

import argparse
import contextlib
import os
import random
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")
os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")

from flows.runner import DASK_SETTINGS, RunRequest, run_batch, worker_environment  # noqa: E402
from flows.settings import Settings  # noqa: E402
from processors import groundtruth  # noqa: E402
from tests.seaweed import launch  # noqa: E402


def _infrastructure() -> list[psutil.Process]:
    """Children running now that are servers (S3, Prefect API), not Dask worker processes."""
    out = []
    for proc in psutil.Process().children(recursive=True):
        with contextlib.suppress(psutil.Error):
            if "spawn_main" not in " ".join(proc.cmdline()):
                out.append(proc)
    return out


def _infrastructure_role(proc: psutil.Process) -> str:
    """Which server a process of the infrastructure is, or the flow process (this one)."""
    if proc.pid == os.getpid():
        return "flow process"
    command = " ".join(proc.cmdline())
    if "weed" in command:
        return "S3 server"
    if "prefect" in command or "uvicorn" in command:
        return "Prefect API"
    return proc.name()


def _role(proc: psutil.Process, me: psutil.Process) -> str:
    """A short name for a process of the measured tree."""
    if proc.pid == me.pid:
        return "flow process"
    command = " ".join(proc.cmdline())
    for marker, role in (("tesseract", "tesseract"), ("spawn", "worker"), ("dask", "dask")):
        if marker in command:
            return role
    return proc.name()


class PeakMemory:
    """Peak memory (summed PSS) of this process and its children while measuring.

    Servers already running at the start (the S3 server, the temporary Prefect API) are
    infrastructure a deployment has anyway and are not counted; workers of a running Dask
    cluster are. Sampled twice a second: reading a process's PSS costs about 1.4 ms of CPU
    (the kernel walks its page tables), and at ten samples a second over half a dozen
    processes the measuring took a tenth of a core from the run it measured.
    """

    def __init__(self, interval_s: float = 0.5) -> None:
        self.peak = 0
        # Each process's own peak (pid -> what it is, bytes): which one grows with the batch.
        self.by_process: dict[int, tuple[str, int]] = {}
        # When each process was first and last seen (seconds into the run): a worker that
        # is replaced mid-batch shows as one that started late.
        self.seen: dict[int, tuple[float, float]] = {}
        # (seconds, MB by role) once a second: which kind of process grows, and when.
        self.timeline: list[tuple[float, dict[str, float]]] = []
        self._interval = interval_s
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._before = {p.pid for p in _infrastructure()}

    def _run(self) -> None:
        me = psutil.Process()
        start = time.perf_counter()
        next_sample = 0.0
        while not self._stop.is_set():
            total = 0
            now = time.perf_counter() - start
            by_role: dict[str, float] = {}
            children = [p for p in me.children(recursive=True) if p.pid not in self._before]
            for proc in [me, *children]:
                with contextlib.suppress(psutil.Error):  # a process may end meanwhile
                    rss = proc.memory_full_info().pss  # shared pages split among sharers
                    total += rss
                    role, before = self.by_process.get(proc.pid, ("", 0))
                    role = role or _role(proc, me)
                    if rss > before:
                        self.by_process[proc.pid] = (role, rss)
                    self.seen[proc.pid] = (self.seen.get(proc.pid, (now, now))[0], now)
                    by_role[role] = by_role.get(role, 0.0) + rss / 1e6
            self.peak = max(self.peak, total)
            if now >= next_sample:
                self.timeline.append((now, by_role))
                next_sample = now + 1.0
            time.sleep(self._interval)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def timed(label: str, pages: int, run: Callable[[], object]) -> dict[str, float]:
    """Run once, print and return pages/s, seconds and peak memory of the process tree.

    Also prints the CPU the flow process and the servers (S3, Prefect) took meanwhile, out of
    what the cores could give: on a small machine they compete with the workers.
    """
    infra = [psutil.Process(), *_infrastructure()]

    def infra_cpu() -> dict[str, float]:
        by_role: dict[str, float] = {}
        for proc in infra:
            with contextlib.suppress(psutil.Error):
                times = proc.cpu_times()
                role = _infrastructure_role(proc)
                by_role[role] = by_role.get(role, 0.0) + times.user + times.system
        return by_role

    with PeakMemory() as memory:
        cpu_start = infra_cpu()
        start = time.perf_counter()
        run()
        seconds = time.perf_counter() - start
        cpu_end = infra_cpu()
    infra_seconds = {role: cpu_end[role] - cpu_start.get(role, 0.0) for role in cpu_end}
    cores = os.cpu_count() or 1
    print(
        f"    flow process and servers: {sum(infra_seconds.values()):.1f} CPU-s of the "
        f"{seconds * cores:.0f} the {cores} cores had ("
        + ", ".join(f"{role} {cpu:.1f}" for role, cpu in sorted(infra_seconds.items()))
        + ")",
        flush=True,
    )
    result = {
        "pages": pages,
        "seconds": seconds,
        "pps": pages / seconds,
        "peak_mb": memory.peak / 1e6,
    }
    print(
        f"  {label:<42} {pages:5d} pages {seconds:8.1f} s {result['pps']:7.2f} pages/s "
        f"peak {result['peak_mb']:7.0f} MB",
        flush=True,
    )
    largest = sorted(memory.by_process.items(), key=lambda item: -item[1][1])[:4]
    print(
        "    largest processes at their peak: "
        + ", ".join(
            f"{role} {rss / 1e6:.0f} MB (seen {seen[0]:.0f}-{seen[1]:.0f} s)"
            for pid, (role, rss) in largest
            for seen in [memory.seen[pid]]
        ),
        flush=True,
    )
    if seconds > 60:  # long runs: how memory moved, by kind of process, at ten points
        step = max(1, len(memory.timeline) // 10)
        for at, by_role in memory.timeline[::step]:
            print(
                f"    at {at:4.0f} s: "
                + ", ".join(f"{role} {mb:.0f} MB" for role, mb in sorted(by_role.items())),
                flush=True,
            )
    return result


def make_scans(folder: Path, *, pages: int, seed: int, per_document: int) -> list[Path]:
    """Write ``pages`` generated scanned pages: multi-page TIFF documents, and the PNG pages.

    Pages stream through one document at a time: holding 1,000 generated pages (8.7 MB each)
    would make this process, which is also the flow's, measure gigabytes that are not the
    pipeline's.
    """
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "docs").mkdir(exist_ok=True)
    (folder / "pages").mkdir(exist_ok=True)
    # English-language offices: every tool reads with one language here, and reading Thai or
    # Khmer pages with "eng" measures a misconfiguration, not throughput.
    generated = groundtruth.generate(
        pages, seed=seed, offices=("PH", "US"), degrade_probability=0.5
    )
    png_paths: list[Path] = []
    chunk: list[groundtruth.Page] = []
    for i, page in enumerate(generated):
        path = folder / "pages" / f"p{i:04d}.png"
        path.write_bytes(groundtruth.to_png(page))
        png_paths.append(path)
        chunk.append(page)
        if len(chunk) == per_document or i == pages - 1:
            name = f"doc{i // per_document:04d}-{rng.randrange(10**6):06d}.tif"
            (folder / "docs" / name).write_bytes(groundtruth.to_tiff(chunk))
            chunk = []
    return png_paths


def bare_tesseract(pages: list[Path], *, workers: int, lang: str, out: Path) -> None:
    """One tesseract process per page, ``workers`` at a time, one OpenMP thread each."""
    env = {**os.environ, "OMP_THREAD_LIMIT": "1"}
    out.mkdir(parents=True, exist_ok=True)

    def one(path: Path) -> None:
        subprocess.run(
            ["tesseract", str(path), str(out / path.stem), "-l", lang],
            check=True,
            capture_output=True,
            env=env,
        )

    with ThreadPoolExecutor(workers) as pool:
        list(pool.map(one, pages))


def ocrmypdf(pages: list[Path], *, workers: int, lang: str, out: Path) -> bool:
    """OCRmyPDF on one PDF of the same pages; False when it is not installed."""
    exe = shutil.which("ocrmypdf") or str(Path(sys.executable).with_name("ocrmypdf"))
    if not Path(exe).exists():
        return False
    import img2pdf

    out.mkdir(parents=True, exist_ok=True)
    source = out / "in.pdf"
    source.write_bytes(img2pdf.convert([str(p) for p in pages]))
    subprocess.run(
        [
            exe,
            "--deskew",
            "--clean",
            "--rotate-pages",
            "--jobs",
            str(workers),
            "-l",
            lang,
            "--output-type",
            "pdf",
            str(source),
            str(out / "out.pdf"),
        ],
        check=True,
        capture_output=True,
    )
    return True


def digitize(
    sources: list[Path], store: str, *, workers: int, lang: str, dask_address: str | None = None
) -> None:
    """ip-digitizer end to end, as ``digitize run`` runs it (``--dask-address`` if given)."""
    settings = Settings()
    request = RunRequest.from_settings(
        [str(s) for s in sources],
        settings=settings,
        store=store,
        workers=workers,
        lang=lang,
        force=True,
        dask_address=dask_address,
    )
    started = time.perf_counter()
    summary = run_batch(request)
    failed = [o for o in summary.outcomes if o.status == "failed"]
    if failed:
        raise RuntimeError(f"{len(failed)} documents failed: {failed[:2]}")
    # Where the wall time went: the documents' own stages (summed over workers), the flow
    # around them, and what came before the flow (task runner, workers, Prefect flow run).
    stages: dict[str, float] = {}
    for outcome in summary.outcomes:
        for stage, value in outcome.seconds.items():
            stages[stage] = stages.get(stage, 0.0) + value
    inside = sum(stages.values())
    wall = time.perf_counter() - started
    print(
        f"    wall {wall:.1f} s: flow {summary.seconds:.1f} s; documents' own stages "
        f"{inside:.1f} worker-s over {workers} workers ("
        + ", ".join(f"{k} {v:.1f}" for k, v in sorted(stages.items()))
        + ")",
        flush=True,
    )


@contextlib.contextmanager
def running_cluster(workers: int) -> Iterator[str]:
    """A local Dask cluster of ``workers`` processes, set up as the pipeline sets up its own."""
    import dask
    from distributed import LocalCluster

    with (
        dask.config.set(DASK_SETTINGS),
        LocalCluster(
            n_workers=workers,
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
            env=worker_environment(workers),
        ) as cluster,
    ):
        yield cluster.scheduler_address


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--pages", type=int, default=40)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 2)
    parser.add_argument("--lang", default="eng")
    parser.add_argument("--seed", type=int, default=5)
    parser.add_argument("--digital-pages", type=int, default=200)
    parser.add_argument(
        "--memory-pages",
        type=int,
        default=0,
        help="also run a batch of this many pages for the memory check",
    )
    parser.add_argument(
        "--memory-only",
        action="store_true",
        help="run only the memory check (with --memory-pages), not the speed rows",
    )
    args = parser.parse_args()
    from prefect.testing.utilities import prefect_test_harness

    work = Path(tempfile.mkdtemp(prefix="ipd-bench-"))
    print(
        f"seed {args.seed}, {args.pages} pages, {args.workers} workers, lang {args.lang}, "
        f"work folder {work}",
        flush=True,
    )
    pngs = make_scans(work / "set", pages=args.pages, seed=args.seed, per_document=4)
    server = launch(work / "s3")
    os.environ.update(
        {
            "DIGITIZE_S3_ENDPOINT": server.endpoint,
            "DIGITIZE_S3_ACCESS_KEY": server.access_key,
            "DIGITIZE_S3_SECRET_KEY": server.secret_key,
            "DIGITIZE_S3_SECURE": "false",
            "DIGITIZE_S3_REGION": server.config().region or "",
        }
    )
    results: dict[str, dict[str, float]] = {}
    try:
        with prefect_test_harness(server_startup_timeout=120):
            docs = [work / "set" / "docs"]
            n = args.pages
            if not args.memory_only:
                results["tesseract"] = timed(
                    f"bare tesseract x{args.workers}",
                    n,
                    lambda: bare_tesseract(
                        pngs, workers=args.workers, lang=args.lang, out=work / "bare"
                    ),
                )
                results["one"] = timed(
                    "ip-digitizer, 1 worker, to S3",
                    n,
                    lambda: digitize(docs, "s3://bench-one", workers=1, lang=args.lang),
                )
                results["many"] = timed(
                    f"ip-digitizer, {args.workers} workers, to S3",
                    n,
                    lambda: digitize(docs, "s3://bench-many", workers=args.workers, lang=args.lang),
                )
                if ocrmypdf(pngs[:1], workers=1, lang=args.lang, out=work / "ocrmypdf-probe"):
                    results["ocrmypdf"] = timed(
                        f"OCRmyPDF --jobs {args.workers}",
                        n,
                        lambda: ocrmypdf(
                            pngs, workers=args.workers, lang=args.lang, out=work / "ocrmypdf"
                        ),
                    )
                else:
                    print("  OCRmyPDF not installed: run `make bench` for that comparison")
                digital = work / "digital"
                digital.mkdir()
                texts = [  # English offices: DejaVu has no Thai, Khmer or Lao glyphs
                    page.truth.text
                    for page in groundtruth.generate(
                        args.digital_pages,
                        seed=args.seed + 1,
                        offices=("PH", "US"),
                        degrade_probability=0.0,
                    )
                ]
                (digital / "born-digital.pdf").write_bytes(
                    groundtruth.to_born_digital_pdf(
                        texts, font_path="/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"
                    )
                )
                results["digital"] = timed(
                    "born-digital PDF, text-layer path",
                    args.digital_pages,
                    lambda: digitize([digital], "s3://bench-digital", workers=1, lang=args.lang),
                )
                # The same work on a Dask cluster that is already running, as a deployment with
                # `--dask-address` has: no worker processes to start and stop per batch.
                with running_cluster(args.workers) as address:
                    first = sorted((work / "set" / "docs").iterdir())[:1]  # workers import once
                    digitize(first, "s3://bench-warmup", workers=1, lang=args.lang,
                             dask_address=address)  # fmt: skip
                    results["many_warm"] = timed(
                        f"ip-digitizer, {args.workers} workers, running cluster",
                        n,
                        lambda: digitize(
                            docs,
                            "s3://bench-many-warm",
                            workers=args.workers,
                            lang=args.lang,
                            dask_address=address,
                        ),
                    )
                    results["digital_warm"] = timed(
                        "born-digital PDF, running cluster",
                        args.digital_pages,
                        lambda: digitize(
                            [digital],
                            "s3://bench-digital-warm",
                            workers=1,
                            lang=args.lang,
                            dask_address=address,
                        ),
                    )
            if args.memory_pages:
                small = work / "mem-small"
                make_scans(small, pages=20, seed=args.seed + 2, per_document=4)
                big = work / "mem-big"
                make_scans(big, pages=args.memory_pages, seed=args.seed + 3, per_document=4)
                results["mem_small"] = timed(
                    f"memory: 20 pages, {args.workers} workers",
                    20,
                    lambda: digitize(
                        [small / "docs"], "s3://bench-m1", workers=args.workers, lang=args.lang
                    ),
                )
                results["mem_big"] = timed(
                    f"memory: {args.memory_pages} pages, {args.workers} workers",
                    args.memory_pages,
                    lambda: digitize(
                        [big / "docs"], "s3://bench-m2", workers=args.workers, lang=args.lang
                    ),
                )
    finally:
        server.cleanup()
        shutil.rmtree(work, ignore_errors=True)
    report(results, workers=args.workers)


def report(r: dict[str, dict[str, float]], *, workers: int) -> None:
    """Print the ratios against the issue's targets."""
    print("\nresults (same run, same pages)")
    if "many" not in r:
        _report_memory(r)
        return
    rows = [
        (
            f"ip-digitizer x{workers} / bare tesseract x{workers}",
            r["many"]["pps"] / r["tesseract"]["pps"],
            ">= 0.90",
        ),
        (
            f"ip-digitizer x{workers} / ip-digitizer x1",
            r["many"]["pps"] / r["one"]["pps"],
            ">= 1.80",
        ),
    ]
    if "ocrmypdf" in r:
        rows.append(
            (
                f"ip-digitizer x{workers} / OCRmyPDF",
                r["many"]["pps"] / r["ocrmypdf"]["pps"],
                ">= 3.00",
            )
        )
    print(f"  {'ratio':<44} {'value':>7}  target")
    for label, value, target in rows:
        print(f"  {label:<44} {value:7.2f}  {target}")
    print(f"  {'text-layer path pages/s':<44} {r['digital']['pps']:7.1f}  >= 50")
    if "many_warm" in r:
        print(
            f"  {'on a running cluster: x' + str(workers) + ' / bare tesseract':<44} "
            f"{r['many_warm']['pps'] / r['tesseract']['pps']:7.2f}  >= 0.90"
        )
        print(
            f"  {'on a running cluster: text-layer pages/s':<44} "
            f"{r['digital_warm']['pps']:7.1f}  >= 50"
        )
    print(
        f"  {'peak memory, ' + str(workers) + ' workers (MB)':<44} "
        f"{r['many']['peak_mb']:7.0f}  < 1500"
    )
    _report_memory(r)


def _report_memory(r: dict[str, dict[str, float]]) -> None:
    if "mem_big" in r:
        print(
            f"  {'peak memory big batch / 20-page batch':<44} "
            f"{r['mem_big']['peak_mb'] / r['mem_small']['peak_mb']:7.2f}  <= 1.20"
        )


if __name__ == "__main__":
    main()
