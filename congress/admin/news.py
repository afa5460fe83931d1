"""Admin for the news: editors publish, schedule and preview without touching HTML."""

from django.contrib import admin, messages
from django.db.models import Count
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from congress.constants import ArticleStatus
from congress.models import Article, ArticleImage, Category


class PublicationStateFilter(admin.SimpleListFilter):
    title = _("tình trạng hiển thị")
    parameter_name = "hien_thi"

    def lookups(self, request, model_admin):
        return [
            ("public", _("Đang hiển thị")),
            ("scheduled", _("Hẹn giờ xuất bản")),
            ("draft", _("Bản nháp")),
        ]

    def queryset(self, request, queryset):
        if self.value() == "public":
            return queryset.published()
        if self.value() == "scheduled":
            return queryset.scheduled()
        if self.value() == "draft":
            return queryset.filter(status=ArticleStatus.DRAFT)
        return queryset


class ArticleImageInline(admin.StackedInline):
    model = ArticleImage
    extra = 1
    fields = [("image", "preview"), "caption", "alt", ("credit", "order")]
    readonly_fields = ["preview"]

    @admin.display(description=_("xem trước"))
    def preview(self, obj):
        if not obj.pk or not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="160" height="{}">',
            obj.responsive.small_url,
            round(160 * (obj.height or 1) / (obj.width or 1)),
        )


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    list_display = ["name", "slug", "order", "article_count"]
    list_editable = ["order"]
    search_fields = ["name"]
    fields = ["name", "slug", "description", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_articles=Count("articles"))

    @admin.display(description=_("số bài"), ordering="n_articles")
    def article_count(self, obj):
        return obj.n_articles

    def get_readonly_fields(self, request, obj=None):
        return ["slug"] if obj and obj.pk else []


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "category",
        "state",
        "published_at",
        "is_featured",
        "image_count",
        "view_link",
    ]
    list_filter = [PublicationStateFilter, "status", "category", "is_featured"]
    list_select_related = ["category"]
    search_fields = ["title", "summary", "slug", "author"]
    date_hierarchy = "published_at"
    ordering = ["-published_at", "-id"]
    inlines = [ArticleImageInline]
    actions = ["publish_now", "unpublish", "mark_featured", "unmark_featured"]
    save_on_top = True
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "summary", "body"]}),
        (_("Ảnh đại diện"), {"fields": ["cover", "cover_alt"]}),
        (
            _("Xuất bản"),
            {
                "fields": ["status", "published_at", "is_featured", "author"],
                "description": _(
                    "Bài hiện với người xem khi trạng thái là “Xuất bản” và đã đến thời "
                    "điểm xuất bản. Đặt thời điểm trong tương lai để hẹn giờ."
                ),
            },
        ),
    ]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_images=Count("images"))

    def get_readonly_fields(self, request, obj=None):
        # A published URL never changes: the slug is fixed after the first publication.
        if obj and obj.first_published_at:
            return ["slug"]
        return []

    @admin.display(description=_("hiển thị"))
    def state(self, obj):
        if obj.status == ArticleStatus.DRAFT:
            return _("Bản nháp")
        if obj.published_at > timezone.now():
            return _("Hẹn giờ")
        return _("Đang hiển thị")

    @admin.display(description=_("số ảnh"), ordering="n_images")
    def image_count(self, obj):
        return obj.n_images

    @admin.display(description=_("trang"))
    def view_link(self, obj):
        label = _("Xem") if obj.is_public else _("Xem trước")
        return format_html('<a href="{}">{}</a>', obj.get_absolute_url(), label)

    def _update_each(self, request, queryset, **changes):
        # Save one by one so that slugs, search columns and the page cache stay right.
        count = 0
        for article in queryset:
            for name, value in changes.items():
                setattr(article, name, value)
            article.save()
            count += 1
        return count

    @admin.action(description=_("Xuất bản ngay các bài đã chọn"), permissions=["change"])
    def publish_now(self, request, queryset):
        now = timezone.now()
        count = 0
        for article in queryset:
            article.status = ArticleStatus.PUBLISHED
            if article.published_at > now:
                article.published_at = now
            article.save()
            count += 1
        self.message_user(
            request,
            ngettext("Đã xuất bản %(n)d bài.", "Đã xuất bản %(n)d bài.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Gỡ xuống (chuyển về bản nháp)"), permissions=["change"])
    def unpublish(self, request, queryset):
        count = self._update_each(request, queryset, status=ArticleStatus.DRAFT)
        self.message_user(
            request,
            ngettext("Đã gỡ %(n)d bài.", "Đã gỡ %(n)d bài.", count) % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Đánh dấu tin nổi bật"), permissions=["change"])
    def mark_featured(self, request, queryset):
        count = self._update_each(request, queryset, is_featured=True)
        self.message_user(
            request,
            ngettext("%(n)d bài là tin nổi bật.", "%(n)d bài là tin nổi bật.", count)
            % {"n": count},
            messages.SUCCESS,
        )

    @admin.action(description=_("Bỏ đánh dấu tin nổi bật"), permissions=["change"])
    def unmark_featured(self, request, queryset):
        count = self._update_each(request, queryset, is_featured=False)
        self.message_user(
            request,
            ngettext("Đã bỏ nổi bật %(n)d bài.", "Đã bỏ nổi bật %(n)d bài.", count) % {"n": count},
            messages.SUCCESS,
        )
