"""如皋市 as it is organised after the 2018 and 2019 institutional reforms (机构改革).

No 国税局/地税局 (merged into 国家税务总局如皋市税务局, 2018), no 安监局 (now 应急管理局), no
文广新局 (now 文化广电和旅游局), no 规划局 (now 自然资源和规划局), 环保 is 南通市如皋生态环境局
(垂直管理, 2019). Addresses and telephone numbers are invented but distinct and plausible.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.auth.hashers import make_password

from gongkai.accounts.models import Organisation, OrgKind, OrgLevel, Role, User
from gongkai.accounts.services import staff_user_create
from gongkai.accounts.validators import uscc_check_char

DEMO_PASSWORD = "gongkai-demo-2026"
GOV = "如皋市人民政府"
REGION = "320682"
POSTCODE = "226500"


@dataclass(frozen=True)
class Dept:
    name: str
    short: str
    prefix: str  # login prefix: <prefix>_editor, <prefix>_reviewer
    address: str
    phone: str


DEPARTMENTS = [
    Dept("如皋市人民政府办公室", "政府办", "zfb", "如城街道海阳南路1号市行政中心", "0513-87512345"),
    Dept(
        "如皋市行政审批局",
        "行政审批局",
        "spj",
        "如城街道福寿东路188号市政务服务中心",
        "0513-87698100",
    ),
    Dept(
        "如皋市自然资源和规划局", "自然资源和规划局", "ghj", "如城街道益寿南路56号", "0513-87516028"
    ),
    Dept("如皋市城市管理局", "城管局", "cgj", "如城街道宁海路27号", "0513-87656511"),
    Dept(
        "如皋市发展和改革委员会",
        "发改委",
        "fgw",
        "如城街道海阳南路1号市行政中心3号楼",
        "0513-87512611",
    ),
    Dept("如皋市财政局", "财政局", "czj", "如城街道中山东路219号", "0513-87512732"),
    Dept("国家税务总局如皋市税务局", "税务局", "swj", "如城街道海阳北路8号", "0513-87682266"),
    Dept("南通市如皋生态环境局", "生态环境局", "hbj", "如城街道惠政路98号", "0513-87110369"),
    Dept("如皋市市场监督管理局", "市场监管局", "scj", "如城街道福寿西路66号", "0513-87155315"),
    Dept("如皋市应急管理局", "应急管理局", "yjj", "如城街道解放路135号", "0513-87528119"),
    Dept("如皋市文化广电和旅游局", "文广旅局", "wgl", "如城街道花市街2号", "0513-87513077"),
    Dept("如皋市司法局", "司法局", "sfj", "如城街道宁海路9号", "0513-87213148"),
    Dept("如皋市民政局", "民政局", "mzj", "如城街道大司马路17号", "0513-87532206"),
    Dept("如皋市住房和城乡建设局", "住建局", "zjj", "如城街道仁寿路12号", "0513-87516312"),
    Dept("如皋市公安局", "公安局", "gaj", "如城街道海阳北路100号", "0513-87580110"),
    Dept("如皋市人力资源和社会保障局", "人社局", "rsj", "如城街道福寿东路168号", "0513-87621333"),
    Dept("如皋市教育体育局", "教体局", "jtj", "如城街道大司马路36号", "0513-87512907"),
    Dept("如皋市卫生健康委员会", "卫健委", "wjw", "如城街道益寿北路18号", "0513-87519530"),
    Dept("如皋市农业农村局", "农业农村局", "nyj", "如城街道海阳北路61号", "0513-87522483"),
    Dept("如皋市医疗保障局", "医保局", "ybj", "如城街道福寿东路168号2号楼", "0513-87626612"),
]
TOWNSHIPS = [  # (name, short, login prefix, address, phone, villages/communities)
    (
        "如皋市如城街道办事处",
        "如城街道",
        "rc",
        "如城街道文庙路5号",
        "0513-87512688",
        ["平园池社区", "龙游河社区"],
    ),
    (
        "如皋市白蒲镇人民政府",
        "白蒲镇",
        "bp",
        "白蒲镇蒲东路36号",
        "0513-88521021",
        ["白蒲社区", "林梓社区"],
    ),
    (
        "如皋市长江镇人民政府",
        "长江镇",
        "cj",
        "长江镇鹏鹞大道8号",
        "0513-88281001",
        ["丁家埭村", "永平村"],
    ),
    (
        "如皋市搬经镇人民政府",
        "搬经镇",
        "bj",
        "搬经镇搬经大街21号",
        "0513-88611203",
        ["搬经社区", "夏堡社区"],
    ),
]


def _uscc(n: int) -> str:
    first17 = f"11{REGION}01412{n:04d}"
    return first17 + uscc_check_char(first17)


def _org(
    n: int,
    *,
    name: str,
    short: str,
    kind: str,
    level: str,
    parent: Organisation | None,
    address: str,
    phone: str,
) -> Organisation:
    org = Organisation(
        name=name,
        short_name=short,
        kind=kind,
        level=level,
        parent=parent,
        uscc=_uscc(n),
        display_order=n,
        foi_office=f"{name}政务公开工作机构"
        if kind != OrgKind.GOVERNMENT
        else "如皋市政务公开办公室",
        address=f"江苏省如皋市{address}",
        postcode=POSTCODE,
        office_hours="工作日 上午8:30—12:00，下午14:00—17:30（夏令时下午14:30—18:00）",
        phone=phone,
        fax=phone[:-1] + str((int(phone[-1]) + 1) % 10),
        email=f"gk{n:02d}@rugao.gov.cn",
        website="http://www.rugao.gov.cn",
    )
    org.full_clean()
    org.save()
    return org


@dataclass
class County:
    gov: Organisation
    orgs: dict[str, Organisation]
    office: User
    editors: dict[str, User]
    reviewers: dict[str, User]
    logins: list[tuple[str, str, str]]


def seed_county() -> County:
    gov = _org(
        1,
        name=GOV,
        short="如皋市政府",
        kind=OrgKind.GOVERNMENT,
        level=OrgLevel.COUNTY,
        parent=None,
        address="如城街道海阳南路1号",
        phone="0513-87512000",
    )
    orgs: dict[str, Organisation] = {}
    for i, d in enumerate(DEPARTMENTS, start=2):
        orgs[d.short] = _org(
            i,
            name=d.name,
            short=d.short,
            kind=OrgKind.DEPARTMENT,
            level=OrgLevel.COUNTY,
            parent=gov,
            address=d.address,
            phone=d.phone,
        )
    n = 40
    for name, short, _prefix, address, phone, villages in TOWNSHIPS:
        n += 1
        town = _org(
            n,
            name=name,
            short=short,
            kind=OrgKind.TOWNSHIP,
            level=OrgLevel.TOWNSHIP,
            parent=gov,
            address=address,
            phone=phone,
        )
        orgs[short] = town
        for v in villages:
            n += 1
            org = Organisation(
                name=f"{short}{v}",
                short_name=v,
                kind=OrgKind.VILLAGE,
                level=OrgLevel.VILLAGE,
                parent=town,
                display_order=n,
            )
            org.full_clean()
            org.save()

    logins: list[tuple[str, str, str]] = []
    hashed = make_password(DEMO_PASSWORD)

    def staff(username: str, org: Organisation, roles: list[str], display: str) -> User:
        user = staff_user_create(
            actor=None,
            username=username,
            password_hash=hashed,
            organisation=org,
            roles=roles,
            display_name=display,
        )
        labels = "、".join(str(Role(r).label) for r in roles)
        logins.append((username, labels, org.name))
        return user

    staff("admin", orgs["政府办"], [Role.SYSADMIN], "系统管理员")
    office = staff("gkb", orgs["政府办"], [Role.OFFICE], "政务公开办 王主任")
    editors: dict[str, User] = {}
    reviewers: dict[str, User] = {}
    for d in DEPARTMENTS[1:]:
        editors[d.short] = staff(
            f"{d.prefix}_editor", orgs[d.short], [Role.EDITOR], f"{d.short}公开专员"
        )
        reviewers[d.short] = staff(
            f"{d.prefix}_reviewer", orgs[d.short], [Role.REVIEWER], f"{d.short}审核人"
        )
    for _name, short, prefix, *_rest in TOWNSHIPS:
        editors[short] = staff(f"{prefix}_editor", orgs[short], [Role.EDITOR], f"{short}公开专员")
        reviewers[short] = staff(
            f"{prefix}_reviewer", orgs[short], [Role.REVIEWER], f"{short}审核人"
        )
    public = User(
        username="u13800000000",
        kind="public",
        phone="13800000000",
        email="citizen@example.com",
        display_name="张三",
    )
    public.password = hashed
    public.save()
    logins.append(("13800000000", "公众用户", "—"))
    return County(gov, orgs, office, editors, reviewers, logins)
