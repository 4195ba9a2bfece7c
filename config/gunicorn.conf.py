"""gunicorn settings for the run command (scripts/start) and production (docs/deployment.md).

Static files are served by WhiteNoise inside the application (config/settings.py); the
public uploads by ``config.urls.public_media``. Every value can be set from the environment.
"""

import os

bind = os.environ.get("PORT_BIND", "127.0.0.1:8000")
# two processes with threads: a slow request (a report, an export) never holds up the others
workers = int(os.environ.get("WEB_WORKERS", "2"))
threads = int(os.environ.get("WEB_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("WEB_TIMEOUT", "60"))  # a stuck request is killed and logged
graceful_timeout = 20
max_requests = 2000  # recycle workers now and then: a slow leak never takes the site down
max_requests_jitter = 200
accesslog = os.environ.get("WEB_ACCESS_LOG", "var/log/access.log")
errorlog = os.environ.get("WEB_ERROR_LOG", "var/log/web.log")
capture_output = True  # the application's own log (Django, stderr) goes to the same file
# behind nginx: trust X-Forwarded-* only from the proxy on this machine
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
