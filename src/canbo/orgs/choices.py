from django.db import models
from django.utils.translation import gettext_lazy as _


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("Tỉnh, thành phố")
    PROVINCIAL_BODY = "provincial_body", _("Cơ quan cấp tỉnh")
    DEPARTMENT = "department", _("Sở, ban, ngành")
    DISTRICT = "district", _("Huyện, thị xã, thành phố thuộc tỉnh")
    COMMUNE = "commune", _("Xã")
    WARD = "ward", _("Phường")
    TOWN = "town", _("Thị trấn")
    PUBLIC_SERVICE_UNIT = "public_service_unit", _("Đơn vị sự nghiệp công lập")
    TRAINING_INSTITUTION = "training_institution", _("Cơ sở đào tạo, bồi dưỡng")
    PARTY_COMMITTEE = "party_committee", _("Cơ quan Đảng")
    MASS_ORGANISATION = "mass_organisation", _("Mặt trận, đoàn thể")


COMMUNE_LEVEL = (UnitKind.COMMUNE, UnitKind.WARD, UnitKind.TOWN)
