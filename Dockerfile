# The app in a container: models baked in, PyTorch's CPU build, no network needed at run time.
#   docker build -t seqgen . && docker run --rm -p 8501:8501 seqgen    → http://localhost:8501
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    VENV=/opt/venv \
    APP_REQUIREMENTS=requirements.txt \
    STREAMLIT_SERVER_ADDRESS=0.0.0.0 \
    STREAMLIT_SERVER_PORT=8501

RUN useradd --create-home --uid 10001 app
WORKDIR /app
COPY . .
# The environment is made by the same script as everywhere else, from requirements.txt (torch's CPU wheel).
RUN bash scripts/setup.sh requirements.txt

USER app
EXPOSE 8501
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
    CMD ["/opt/venv/bin/python", "-c", "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8501/_stcore/health', timeout=4)"]
# The README's run command: finds the environment ready (its stamp matches) and starts Streamlit.
CMD ["bash", "scripts/run.sh"]
