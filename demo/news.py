"""Demo news and documents: articles from news_content, drawn pictures, generated PDFs.

Idempotent: rows are matched on their slug (or article + order) and files are only
drawn when a row has none, so a second run changes nothing. Every picture is a drawing
labelled "Ảnh minh họa"; every document file says it is an illustrative copy.
"""

import io
import random
from datetime import datetime
from pathlib import Path

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import timezone
from PIL import Image, ImageDraw, ImageFont

from congress.constants import ArticleStatus
from congress.models import Article, ArticleImage, Category, Document, IssuingBody
from demo.news_content import ARTICLES, CATEGORIES, DOCUMENTS, ISSUING_BODIES

FONT_DIRS = [Path("/usr/share/fonts/truetype/dejavu"), Path("/usr/share/fonts/dejavu")]
RED, GOLD, CREAM = (155, 28, 28), (246, 211, 101), (250, 246, 238)


def _font(size, bold=False):
    name = "DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf"
    for folder in FONT_DIRS:
        if (folder / name).exists():
            return ImageFont.truetype(str(folder / name), size)
    return ImageFont.load_default(size=size)


def _scene(draw, scene, w, h, rng):
    """Draw a simple flat illustration for `scene` (no photo, no real person)."""
    floor = int(h * 0.72)
    draw.rectangle([0, floor, w, h], fill=(214, 200, 178))
    if scene in {"hall", "delegates", "flowers", "podium", "banner"}:
        draw.rectangle([w * 0.1, h * 0.12, w * 0.9, h * 0.5], fill=RED)
        draw.text(
            (w * 0.5, h * 0.24),
            "ĐẠI HỘI ĐẢNG BỘ PHƯỜNG AN PHONG",
            fill=GOLD,
            font=_font(int(h * 0.05), True),
            anchor="mm",
        )
        draw.text(
            (w * 0.5, h * 0.36),
            "NHIỆM KỲ 2025 – 2030",
            fill=GOLD,
            font=_font(int(h * 0.045), True),
            anchor="mm",
        )
        for x in (0.04, 0.92):
            draw.polygon(
                [(w * x, h * 0.1), (w * (x + 0.05), h * 0.13), (w * x, h * 0.16)], fill=RED
            )
            draw.line([(w * x, h * 0.1), (w * x, h * 0.7)], fill=(90, 90, 90), width=4)
        if scene == "podium":
            draw.rectangle([w * 0.42, h * 0.52, w * 0.58, floor + h * 0.1], fill=(120, 60, 30))
            draw.ellipse([w * 0.44, h * 0.48, w * 0.56, h * 0.56], fill=(240, 120, 140))
        else:
            for row in range(3):
                for col in range(14):
                    x = w * (0.06 + col * 0.066)
                    y = floor + row * h * 0.08
                    draw.ellipse([x, y - h * 0.1, x + w * 0.035, y - h * 0.04], fill=(60, 50, 45))
                    draw.rectangle([x - 4, y - h * 0.04, x + w * 0.04, y + 6], fill=(30, 60, 110))
                    if scene == "delegates" and rng.random() < 0.8:
                        draw.rectangle([x + 6, y - h * 0.17, x + 20, y - h * 0.12], fill=RED)
        if scene == "flowers":
            for i in range(9):
                x = w * (0.15 + i * 0.08)
                draw.ellipse([x, h * 0.53, x + 28, h * 0.6], fill=(60, 50, 45))
                draw.rectangle([x - 4, h * 0.6, x + 32, floor], fill=(40, 40, 40))
                draw.ellipse([x + 4, h * 0.62, x + 26, h * 0.66], fill=(230, 90, 120))
    elif scene in {"city", "map"}:
        if scene == "map":
            colors = [
                (193, 221, 180),
                (170, 205, 230),
                (240, 214, 160),
                (220, 190, 220),
                (200, 230, 230),
                (240, 200, 180),
            ]
            cells = [
                (0.1, 0.1, 0.4, 0.5),
                (0.4, 0.1, 0.7, 0.45),
                (0.7, 0.1, 0.9, 0.5),
                (0.1, 0.5, 0.35, 0.85),
                (0.35, 0.45, 0.65, 0.85),
                (0.65, 0.5, 0.9, 0.85),
            ]
            for c, (x0, y0, x1, y1) in zip(colors, cells, strict=True):
                draw.rectangle(
                    [w * x0, h * y0, w * x1, h * y1], fill=c, outline=(80, 80, 80), width=3
                )
        else:
            for i in range(8):
                bw = w * 0.08
                bh = h * rng.uniform(0.25, 0.55)
                x = w * 0.05 + i * w * 0.115
                draw.rectangle([x, floor - bh, x + bw, floor], fill=(120 + i * 10, 140, 170))
            draw.polygon(
                [(w * 0.35, h), (w * 0.48, floor), (w * 0.52, floor), (w * 0.65, h)],
                fill=(80, 80, 80),
            )
    elif scene in {"counter", "screen", "school"}:
        draw.rectangle([w * 0.15, h * 0.15, w * 0.85, h * 0.55], fill=(40, 70, 110))
        for i in range(5):
            draw.rectangle(
                [
                    w * 0.2,
                    h * (0.2 + i * 0.065),
                    w * (0.5 + rng.random() * 0.3),
                    h * (0.24 + i * 0.065),
                ],
                fill=(200, 220, 240),
            )
        draw.rectangle([w * 0.1, floor - h * 0.1, w * 0.9, floor], fill=(150, 110, 70))
    elif scene in {"warehouse"}:
        draw.polygon(
            [
                (w * 0.1, floor),
                (w * 0.1, h * 0.35),
                (w * 0.5, h * 0.18),
                (w * 0.9, h * 0.35),
                (w * 0.9, floor),
            ],
            fill=(160, 170, 180),
        )
        for i, c in enumerate([(200, 80, 60), (60, 120, 180), (70, 150, 90)]):
            draw.rectangle(
                [w * (0.15 + i * 0.22), floor - h * 0.15, w * (0.33 + i * 0.22), floor], fill=c
            )
    else:  # park
        for i in range(7):
            x = w * (0.08 + i * 0.13)
            draw.rectangle([x + 18, floor - h * 0.2, x + 30, floor], fill=(110, 80, 50))
            draw.ellipse([x - 10, floor - h * 0.42, x + 60, floor - h * 0.16], fill=(70, 150, 80))


def draw_illustration(scene, caption, *, seed, size=(1600, 1000)):
    """A JPEG drawing of `scene`, stamped "Ảnh minh họa" (demo content, not a photo)."""
    w, h = size
    rng = random.Random(seed)
    img = Image.new("RGB", size, CREAM)
    draw = ImageDraw.Draw(img)
    for y in range(0, int(h * 0.72), 8):  # soft sky gradient
        shade = 235 - int(25 * y / h)
        draw.rectangle([0, y, w, y + 8], fill=(shade, shade + 5, 250))
    _scene(draw, scene, w, h, rng)
    draw.rectangle([0, h - 90, w, h], fill=(0, 0, 0))
    draw.text((30, h - 45), caption[:90], fill=(255, 255, 255), font=_font(34), anchor="lm")
    draw.rectangle([w - 330, 24, w - 24, 94], fill=GOLD)
    draw.text((w - 177, 59), "ẢNH MINH HỌA", fill=(0, 0, 0), font=_font(36, True), anchor="mm")
    buffer = io.BytesIO()
    img.save(buffer, "JPEG", quality=88)
    return buffer.getvalue()


def draw_pdf(title, lines):
    """A one-page PDF (A4 at 100 dpi) marked as an illustrative copy."""
    page = Image.new("RGB", (827, 1169), "white")
    draw = ImageDraw.Draw(page)
    draw.text(
        (413, 80),
        "BẢN MINH HỌA – KHÔNG PHẢI VĂN BẢN GỐC",
        fill=RED,
        font=_font(24, True),
        anchor="mm",
    )
    y = 160
    for text, size, bold in [(title, 22, True), *[(line, 18, False) for line in lines]]:
        font = _font(size, bold)
        words, line = text.split(), ""
        for word in words:
            trial = f"{line} {word}".strip()
            if draw.textlength(trial, font=font) > 700:
                draw.text((64, y), line, fill="black", font=font)
                y += size + 12
                line = word
            else:
                line = trial
        if line:
            draw.text((64, y), line, fill="black", font=font)
            y += size + 24
    buffer = io.BytesIO()
    page.save(buffer, "PDF", resolution=100.0)
    return buffer.getvalue()


@transaction.atomic
def load(stdout=None):
    tz = timezone.get_current_timezone()
    categories = {}
    for order, (slug, name, description) in enumerate(CATEGORIES):
        categories[slug], _ = Category.objects.update_or_create(
            slug=slug, defaults={"name": name, "description": description, "order": order}
        )
    articles = {}
    for n, (slug, cat, title, summary, published, featured, body, gallery) in enumerate(ARTICLES):
        article = Article.objects.filter(slug=slug).first() or Article(slug=slug)
        article.title, article.summary, article.body = title, summary, body
        article.category = categories[cat]
        article.status = ArticleStatus.PUBLISHED
        article.published_at = timezone.make_aware(published, tz)
        article.is_featured = featured
        article.author = "Ban biên tập Cổng thông tin"
        if gallery and not article.cover:
            scene, caption, alt = gallery[0]
            # An uncommitted file: Article.save() re-encodes it and cuts the renditions.
            article.cover = ContentFile(draw_illustration(scene, caption, seed=n), f"{slug}.jpg")
            article.cover_alt = alt
        article.save()
        articles[slug] = article
        for order, (scene, caption, alt) in enumerate(gallery):
            image = ArticleImage.objects.filter(article=article, order=order).first()
            if image is None:
                image = ArticleImage(article=article, order=order)
                image.image = ContentFile(
                    draw_illustration(scene, caption, seed=n * 10 + order), f"{slug}-{order}.jpg"
                )
            image.caption, image.alt = caption, alt
            image.credit = "Cổng thông tin phường (hình vẽ minh họa)"
            image.save()
    bodies = {}
    for slug, name, order in ISSUING_BODIES:
        bodies[slug], _ = IssuingBody.objects.update_or_create(
            slug=slug, defaults={"name": name, "order": order}
        )
    for (
        slug,
        doc_type,
        number,
        body,
        issued,
        effective,
        summary,
        illustrative,
        related,
    ) in DOCUMENTS:
        document = Document.objects.filter(slug=slug).first() or Document(slug=slug)
        document.doc_type, document.number = doc_type, number
        document.issuing_body = bodies[body]
        document.issued_on, document.effective_on = issued, effective
        document.summary, document.is_illustrative = summary, illustrative
        if not document.file:
            title = f"{document.get_doc_type_display()} số {number} ngày {issued:%d/%m/%Y}"
            pdf = draw_pdf(
                title,
                [
                    f"Cơ quan ban hành: {bodies[body].name}",
                    summary,
                    "Tệp này do Cổng thông tin soạn để minh họa; nội dung "
                    "chính thức xem tại văn bản gốc.",
                ],
            )
            document.file.save(f"{slug}.pdf", ContentFile(pdf), save=False)
        document.save()
        document.related_articles.set([articles[s] for s in related if s in articles])
    if stdout is not None:
        stdout.write(
            f"News demo: {len(ARTICLES)} articles, {len(DOCUMENTS)} documents "
            f"({datetime.now():%H:%M:%S})."
        )
