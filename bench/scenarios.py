"""Named scenarios measured by bench/run.py: (name, path). Add yours here.

Paths must answer 200 on the data of `manage.py generate_bench_data` (100 000 articles:
slugs bai-0 … bai-99999, where every 100th + 3 is a draft and every 1000th + 7 scheduled;
5 000 documents). "trivial" is the reference and must stay first.
"""

SCENARIOS = [
    ("trivial", "/bench/trivial/"),
    ("home", "/"),
    ("list p1", "/tin-tuc/"),
    ("list p4000", "/tin-tuc/?page=4000"),
    ("article", "/tin-tuc/bai-5000/"),
    ("category", "/tin-tuc/chuyen-muc/tin-dai-hoi/"),
    ("documents", "/van-ban/"),
    ("search", "/tim-kiem/?q=dai+hoi"),
]
