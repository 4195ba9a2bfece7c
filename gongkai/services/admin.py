from django.contrib import admin

from gongkai.services.models import LifeEvent, Package, Service

admin.site.register(LifeEvent)
admin.site.register(Service)
admin.site.register(Package)
