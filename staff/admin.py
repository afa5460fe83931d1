"""Admin of the staff side: the audit log of access to residents' data, the staff
profiles through which a leader gives each officer his fields (lĩnh vực) and roles, and the
accounts' second factor (the superuser's reset of someone's log-in codes).

Dossier pages plug in `AuditEntryInline` to show who accessed the record.
"""

# Imported first so that their device admins exist to be unregistered below.
import django_otp.plugins.otp_static.admin  # noqa: F401
import django_otp.plugins.otp_totp.admin  # noqa: F401
from django import forms
from django.contrib import admin
from django.contrib.admin import helpers
from django.contrib.auth import get_user_model
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import Group
from django.contrib.contenttypes.admin import GenericTabularInline
from django.db.models import Exists, OuterRef
from django.template.response import TemplateResponse
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from portal.admin import ReadOnlyAdminMixin, SafeDateHierarchyMixin, target_link
from staff import otp, roles
from staff.audit import AuditAction, audit
from staff.models import AuditEntry, StaffProfile


@admin.register(AuditEntry)
class AuditEntryAdmin(SafeDateHierarchyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ["at", "actor_label", "action", "target_type", "target", "details_summary"]
    list_filter = ["action", "target_type"]
    search_fields = ["actor_label", "target_label", "target_id"]
    date_hierarchy = "at"
    list_select_related = ["target_type"]
    fields = ["at", "actor_label", "action", "target_type", "target", "details"]
    readonly_fields = fields
    actions = None

    @admin.display(description=_("đối tượng"))
    def target(self, obj):
        return target_link(obj, obj.target_label)

    @admin.display(description=_("chi tiết"))
    def details_summary(self, obj):
        return "; ".join(f"{key}: {value}" for key, value in obj.details.items())


class AuditEntryInline(ReadOnlyAdminMixin, GenericTabularInline):
    """Who viewed, downloaded, exported or changed this object (for the dossier page)."""

    model = AuditEntry
    ct_field = "target_type"
    ct_fk_field = "target_id"
    fields = ["at", "actor_label", "action", "details"]
    readonly_fields = fields
    extra = 0
    can_delete = False
    verbose_name_plural = _("Nhật ký truy cập")


def role_groups():
    """The staff roles' groups (never any other group: those stay the superuser's)."""
    return Group.objects.filter(name__in=roles.ROLE_NAMES).order_by("name")


def assignment(user, profile=None):
    """What a staff member handles: the names of his fields and of his roles, sorted."""
    fields = sorted(profile.fields.values_list("name", flat=True)) if profile and profile.pk else []
    held = sorted(user.groups.filter(name__in=roles.ROLE_NAMES).values_list("name", flat=True))
    return {"fields": fields, "roles": held}


class StaffProfileForm(forms.ModelForm):
    """The profile's fields plus the account's roles (its role groups)."""

    roles = forms.ModelMultipleChoiceField(
        label=_("vai trò"),
        queryset=Group.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_(
            "Lãnh đạo xem mọi lĩnh vực; các vai trò khác chỉ xem hồ sơ của lĩnh vực phụ trách."
        ),
    )

    class Meta:
        model = StaffProfile
        fields = ["user", "position", "fields", "roles"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["roles"].queryset = role_groups()
        if self.instance.pk:
            self.fields["roles"].initial = list(
                self.instance.user.groups.filter(name__in=roles.ROLE_NAMES)
            )


@admin.register(StaffProfile)
class StaffProfileAdmin(admin.ModelAdmin):
    """Who handles which fields, in which roles: the leaders' page (roles.LEADER holds its
    view/add/change permissions), superusers too. Every change is audited with the fields
    and roles before and after; profiles are never deleted here (clear the fields)."""

    form = StaffProfileForm
    list_display = ["user", "full_name", "position", "fields_display", "roles_display"]
    list_filter = ["fields", "user__groups"]
    search_fields = ["user__username", "user__first_name", "user__last_name", "position"]
    filter_horizontal = ["fields"]
    ordering = ["user__username"]
    actions = None

    def get_queryset(self, request):
        queryset = (
            super()
            .get_queryset(request)
            .select_related("user")
            .prefetch_related("fields", "user__groups")
        )
        if not request.user.is_superuser:
            # A leader manages the officers, not the system administrators' accounts.
            queryset = queryset.exclude(user__is_superuser=True)
        return queryset

    def get_readonly_fields(self, request, obj=None):
        return ["user"] if obj is not None else []

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":
            # Staff accounts still without a profile (a new officer's, typically).
            users = get_user_model().objects.filter(
                is_staff=True, is_active=True, staff_profile__isnull=True
            )
            if not request.user.is_superuser:
                users = users.exclude(is_superuser=True)
            kwargs["queryset"] = users.order_by("username")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("họ và tên"))
    def full_name(self, obj):
        return obj.user.get_full_name()

    @admin.display(description=_("lĩnh vực phụ trách"))
    def fields_display(self, obj):
        return ", ".join(sorted(field.name for field in obj.fields.all())) or "–"

    @admin.display(description=_("vai trò"))
    def roles_display(self, obj):
        held = sorted(g.name for g in obj.user.groups.all() if g.name in roles.ROLE_NAMES)
        return ", ".join(held) or "–"

    def save_model(self, request, obj, form, change):
        # What the officer handled before this save (nothing for a new profile).
        form.assignment_before = (
            assignment(obj.user, StaffProfile.objects.get(pk=obj.pk))
            if change
            else {"fields": [], "roles": assignment(obj.user)["roles"]}
        )
        super().save_model(request, obj, form, change)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        user = form.instance.user
        wanted = set(form.cleaned_data.get("roles") or [])
        current = set(user.groups.filter(name__in=roles.ROLE_NAMES))
        user.groups.remove(*(current - wanted))
        user.groups.add(*(wanted - current))
        before, after = form.assignment_before, assignment(user, form.instance)
        if before != after:
            # The admin's change view runs in one transaction: no change without its entry.
            audit(
                actor=request.user,
                action=AuditAction.ASSIGN,
                target=user,
                officer=user.get_username(),
                fields_before=before["fields"],
                fields_after=after["fields"],
                roles_before=before["roles"],
                roles_after=after["roles"],
            )


# Log-in devices hold secrets (django-otp's pages would show any user's key and recovery
# codes) and a change there would bypass the audit: they change only through staff.otp.
admin.site.unregister([TOTPDevice, StaticDevice])
admin.site.unregister(get_user_model())


@admin.register(get_user_model())
class StaffUserAdmin(UserAdmin):
    """Django's account admin, plus whether each account has its log-in codes, and the
    superuser's reset of them (a lost phone: the officer enrols again at his next log-in)."""

    list_display = [*UserAdmin.list_display, "otp_enrolled"]
    actions = ["reset_otp"]

    def get_queryset(self, request):
        enrolled = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_queryset(request).annotate(has_otp=Exists(enrolled))

    @admin.display(description=_("xác thực hai lớp"), boolean=True, ordering="has_otp")
    def otp_enrolled(self, obj):
        return obj.has_otp

    @admin.action(
        description=_("Đặt lại xác thực hai lớp (đăng ký lại ở lần đăng nhập sau)"),
        permissions=["reset_otp"],
    )
    def reset_otp(self, request, queryset):
        users = list(queryset)
        # Irreversible for the officers concerned: asked once more, like a deletion.
        if request.POST.get("post") != "yes":
            return TemplateResponse(
                request,
                "staff/otp_reset_confirm.html",
                {
                    **self.admin_site.each_context(request),
                    "title": _("Đặt lại xác thực hai lớp"),
                    "opts": self.opts,
                    "queryset": users,
                    "action_checkbox_name": helpers.ACTION_CHECKBOX_NAME,
                },
            )
        for user in users:
            otp.reset_devices(actor=request.user, user=user)
        self.message_user(
            request,
            ngettext(
                "Đã đặt lại xác thực hai lớp của %(count)d tài khoản: mã cũ và mã dự phòng cũ "
                "không còn dùng được; lần đăng nhập sau phải đăng ký lại ứng dụng xác thực.",
                "Đã đặt lại xác thực hai lớp của %(count)d tài khoản: mã cũ và mã dự phòng cũ "
                "không còn dùng được; lần đăng nhập sau phải đăng ký lại ứng dụng xác thực.",
                len(users),
            )
            % {"count": len(users)},
        )

    def has_reset_otp_permission(self, request):
        return request.user.is_superuser
