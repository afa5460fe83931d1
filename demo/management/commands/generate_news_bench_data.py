"""Generate a large data set for the benchmark: 100 000 articles with image rows, 5 000
documents, in a few bulk inserts (about a minute on PostgreSQL).

Rows get the same derived columns save() would compute (slug, folded search columns),
and every article points at one set of processed image files, so the pages render as
they would with real pictures. Never run this against a database with real content: it
refuses unless --yes is given or the database is empty of articles.
"""

import random
import re
from datetime import timedelta

from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction
from django.utils import timezone

from congress.constants import ArticleStatus, DocumentType
from congress.images import process_upload
from congress.models import Article, ArticleImage, Category, Document, IssuingBody
from congress.sanitize import html_to_text
from demo.news import draw_illustration
from demo.news_content import ARTICLES, CATEGORIES
from portal.search.registry import index_text

BATCH = 2000


class Command(BaseCommand):
    help = "Generate N articles (with image rows) and M documents for benchmarks."

    def add_arguments(self, parser):
        parser.add_argument("--articles", type=int, default=100_000)
        parser.add_argument("--documents", type=int, default=5_000)
        parser.add_argument("--images-per-article", type=int, default=2)
        parser.add_argument("--seed", type=int, default=2025)
        parser.add_argument("--yes", action="store_true", help="add to a non-empty database")

    def handle(self, *args, **opts):
        if Article.objects.exists() and not opts["yes"]:
            raise CommandError("The database already has articles; pass --yes to add more.")
        rng = random.Random(opts["seed"])
        words = self._vocabulary()
        categories = self._categories()
        cover = process_upload(
            ContentFile(draw_illustration("hall", "Ảnh minh họa cho dữ liệu thử", seed=1)),
            folder="bench",
        )
        now = timezone.now()
        self._articles(opts, rng, words, categories, cover, now)
        self._documents(opts, rng, words)
        # VACUUM cannot run inside a transaction (a test, or a caller's atomic block).
        if connection.vendor == "postgresql" and not connection.in_atomic_block:
            with connection.cursor() as cursor:
                cursor.execute("VACUUM ANALYZE congress_article")
                cursor.execute("VACUUM ANALYZE congress_articleimage")
                cursor.execute("VACUUM ANALYZE congress_document")
        self.stdout.write(self.style.SUCCESS("Benchmark data generated."))

    def _vocabulary(self):
        text = " ".join(html_to_text(a[6] + " " + a[3] + " " + a[2]) for a in ARTICLES)
        return [w for w in re.split(r"[\s,.;:()“”\"–]+", text) if w and not w.isdigit()]

    def _categories(self):
        result = []
        for order, (slug, name, description) in enumerate(CATEGORIES):
            category, _ = Category.objects.get_or_create(
                slug=slug, defaults={"name": name, "description": description, "order": order}
            )
            result.append(category)
        return result

    def _sentence(self, rng, words, n):
        return " ".join(rng.choice(words) for _ in range(n)).capitalize()

    def _articles(self, opts, rng, words, categories, cover, now):
        total = opts["articles"]
        start = Article.objects.count()
        for first in range(0, total, BATCH):
            batch = []
            for n in range(first + start, min(first + BATCH, total) + start):
                title = self._sentence(rng, words, rng.randint(8, 14))
                summary = self._sentence(rng, words, rng.randint(25, 40)) + "."
                paragraphs = [
                    self._sentence(rng, words, rng.randint(40, 70)) + "." for _ in range(3)
                ]
                body = "".join(f"<p>{p}</p>" for p in paragraphs)
                # Spread over ~10 years; 0.1 % scheduled in the future, 1 % drafts.
                published_at = now - timedelta(minutes=n * 53 % (10 * 365 * 24 * 60) + 1)
                status = ArticleStatus.PUBLISHED
                if n % 1000 == 7:
                    published_at = now + timedelta(days=rng.randint(1, 30))
                elif n % 100 == 3:
                    status = ArticleStatus.DRAFT
                batch.append(
                    Article(
                        title=title,
                        slug=f"bai-{n}",
                        summary=summary,
                        body=body,
                        category=categories[n % len(categories)],
                        author="Dữ liệu thử",
                        status=status,
                        published_at=published_at,
                        first_published_at=published_at,
                        is_featured=n % 250 == 0,
                        cover=cover["name"],
                        cover_alt="Ảnh minh họa",
                        cover_width=cover["width"],
                        cover_height=cover["height"],
                        cover_renditions=cover["renditions"],
                        search_title=index_text(title),
                        search_text=index_text(title, summary, " ".join(paragraphs)),
                    )
                )
            with transaction.atomic():
                created = Article.objects.bulk_create(batch)
                images = [
                    ArticleImage(
                        article=a,
                        image=cover["name"],
                        caption=f"Ảnh minh họa {k + 1} của bài {a.slug}",
                        alt="Ảnh minh họa",
                        order=k,
                        width=cover["width"],
                        height=cover["height"],
                        renditions=cover["renditions"],
                    )
                    for a in created
                    for k in range(opts["images_per_article"])
                ]
                ArticleImage.objects.bulk_create(images)
            self.stdout.write(f"  {min(first + BATCH, total)} / {total} articles")

    def _documents(self, opts, rng, words):
        bodies = [
            IssuingBody.objects.get_or_create(name=name)[0]
            for name in ["Đảng ủy phường An Phong", "HĐND phường An Phong", "UBND phường An Phong"]
        ]
        types = list(DocumentType)
        batch = []
        start = Document.objects.count()
        for n in range(start, start + opts["documents"]):
            doc_type = types[n % len(types)]
            number = f"{n + 1}/TH-{n % 97}"
            summary = self._sentence(rng, words, rng.randint(15, 30))
            issued = timezone.localdate() - timedelta(days=n % 3650)
            body = bodies[n % len(bodies)]
            batch.append(
                Document(
                    doc_type=doc_type,
                    number=number,
                    issuing_body=body,
                    issued_on=issued,
                    summary=summary,
                    is_illustrative=True,
                    slug=f"van-ban-thu-{n}",
                    search_text=index_text(doc_type.label, number, summary, body.name),
                )
            )
        Document.objects.bulk_create(batch, batch_size=BATCH)
