"""Public news pages: the list, a category, an article (staff may preview)."""

from django.conf import settings
from django.shortcuts import render
from django.utils.functional import SimpleLazyObject
from django.utils.text import Truncator

from congress import selectors
from portal.pagecache import cache_public_page


def _can_preview(request):
    # No session cookie means an anonymous visitor: do not even look up the session.
    if settings.SESSION_COOKIE_NAME not in request.COOKIES:
        return False
    user = request.user
    return user.is_authenticated and user.is_staff and user.has_perm("congress.view_article")


@cache_public_page
def article_list(request, slug=None):
    category = selectors.category_by_slug(slug) if slug else None
    page = selectors.article_page(
        number=selectors.parse_page_number(request.GET.get("page")),
        per_page=settings.NEWS_PAGE_SIZE,
        category=category,
    )
    return render(
        request,
        "congress/article_list.html",
        {
            "page_obj": page,
            "articles": page.object_list,
            "category": category,
            "categories": selectors.categories(),
        },
    )


@cache_public_page
def article_detail(request, slug):
    preview = _can_preview(request)
    article = selectors.article_for_display(slug, preview=preview)
    base = f"{request.scheme}://{request.get_host()}"
    return render(
        request,
        "congress/article_detail.html",
        {
            "article": article,
            "gallery": article.gallery,
            # Read only when the template's cached pager and aside are not in the cache.
            "neighbours": SimpleLazyObject(lambda: selectors.cached_neighbours(article)),
            "is_preview": preview and not article.is_public,
            "image_sizes": settings.NEWS_IMAGE_SIZES,
            "site_base": base,
            "description": Truncator(article.summary).chars(300),
            "article_jsonld": _jsonld(base, article),
        },
    )


def _jsonld(base, article):
    """schema.org NewsArticle, for search engines (a data block, not a script)."""
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.summary,
        "datePublished": article.published_at.isoformat(),
        "dateModified": article.updated_at.isoformat(),
        "mainEntityOfPage": base + article.get_absolute_url(),
        "articleSection": article.category.name,
        "inLanguage": "vi",
        "publisher": {"@type": "GovernmentOrganization", "name": "UBND phường An Phong"},
    }
    if article.author:
        data["author"] = {"@type": "Organization", "name": article.author}
    images = [article.cover_image] if article.cover else []
    images += [photo.responsive for photo in article.gallery[:3]]
    if images:
        data["image"] = [base + image.url for image in images]
    return data
