from django.apps import AppConfig


class LawsConfig(AppConfig):
    name = "gongkai.laws"
    label = "laws"
    verbose_name = "法律法规库"
