"""The search prior: a small network that reads a task's demo pairs and scores the search's transforms.

CodeIt on a CPU is expert iteration with a search expert (see ``docs/architecture.md``): the policy does not
write programs token by token; it says which transforms of :mod:`agents.search.transforms` a program for
this task probably uses, and the search (:class:`~agents.search.agent.SearchAgent`) tries those first. It
learns, like the T5 policy, from hindsight-relabelled experiences drawn from the prioritized replay buffer:
demo inputs paired with the outputs a transform chain actually produced, and that chain as the target.

Model (about 2.7M parameters, three quarters of them the transition table over the 1,421-name vocabulary;
trains on about a thousand rows a second on two cores):

- each demo pair is drawn on one canvas: the input's and the output's colours embedded (8 channels each)
  plus two masks, three 3x3 convolutions (two of stride 2), global mean and max pooling;
- 48 hand features per pair (shapes and their ratios, colour histograms, colours kept/added, unchanged
  cells), concatenated, then an MLP; mean and max over the pairs give the task vector;
- a linear head gives the task's logit per transform (``first``); a learned table ``transition`` adds a
  logit per (previous transform, transform), so ``p(t_k | task, t_{k-1}) = softmax(first + transition[t_{k-1}])``.

The loss is the chain's negative log-likelihood under that factorisation. :meth:`SearchPrior.step_costs`
hands the search a numpy :class:`~agents.search.costs.StepCosts` per task. Saved and loaded like the T5
policy: ``save_pretrained(dir)`` writes ``model.safetensors``, ``search_prior.json`` (the config) and
``transform_vocab.json``; ``from_pretrained(dir)`` reads them back.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Sequence

import numpy as np
import torch
import torch.nn.functional as F
from safetensors.torch import load_file, save_file
from torch import nn

from agents.search.costs import StepCosts, transform_vocabulary

__all__ = ["PriorConfig", "SearchPrior", "TransformVocab"]

PRIOR_CONFIG_FILE = "search_prior.json"
VOCAB_FILE = "transform_vocab.json"
WEIGHTS_FILE = "model.safetensors"
_PAD = 10  # the colour index of cells outside a grid
_FEATURES = 48

Grid = tuple
Pairs = Sequence[tuple[Grid, Grid]]


@dataclass(frozen=True)
class PriorConfig:
    """Size of the prior, how many demo pairs it reads, and the uniform share mixed into its costs."""

    channels: int = 32
    hidden: int = 256
    max_pairs: int = 5
    mix: float = 0.2
    # 0.15: step costs within [0.85, 1.04], so the prior orders the edges of one depth and never puts a deeper
    # edge before a shallower one (at 1.0 it skipped simple depth-1 answers for its own depth-2 guesses and
    # solved fewer held-out training tasks than the unguided search at the same seconds; docs/results.md).
    strength: float = 0.15
    batch_size: int = 64

    @classmethod
    def cpu(cls) -> "PriorConfig":
        """The default: trains on a few thousand rows in well under a minute on one core."""
        return cls()

    @classmethod
    def tiny(cls) -> "PriorConfig":
        """For tests."""
        return cls(channels=8, hidden=32, max_pairs=3, batch_size=8)


class TransformVocab:
    """Transform names <-> ids (the prior's targets; stored as an experience's ``tokens``)."""

    def __init__(self, names: Sequence[str]) -> None:
        self.names = tuple(names)
        self.ids = {name: k for k, name in enumerate(self.names)}
        if len(self.ids) != len(self.names):
            raise ValueError("transform vocabulary has duplicate names")

    def __len__(self) -> int:
        return len(self.names)

    def encode(self, chain: Sequence[str]) -> tuple[int, ...]:
        """Ids of a chain's transform names; raises KeyError naming an unknown one."""
        try:
            return tuple(self.ids[name] for name in chain)
        except KeyError as exc:
            raise KeyError(f"transform {exc.args[0]!r} is not in the prior's vocabulary") from None

    def knows(self, chain: Sequence[str]) -> bool:
        """Whether every transform of a chain has an id (a task's colours can name transforms, such as
        colour triples, that the vocabulary built from a few colour set-ups does not list)."""
        return all(name in self.ids for name in chain)

    def decode(self, ids: Sequence[int]) -> tuple[str, ...]:
        """Names of a chain's ids."""
        return tuple(self.names[k] for k in ids)


def pair_features(inp: Grid, out: Grid) -> np.ndarray:
    """48 numbers describing one demo pair (shapes, ratios, colour histograms, colours kept and added)."""
    a, b = np.asarray(inp), np.asarray(out)
    f = np.zeros(_FEATURES, dtype=np.float32)
    f[0:4] = (a.shape[0] / 30, a.shape[1] / 30, b.shape[0] / 30, b.shape[1] / 30)
    f[4] = min(b.shape[0] / a.shape[0], 4.0) / 4
    f[5] = min(b.shape[1] / a.shape[1], 4.0) / 4
    same = a.shape == b.shape
    f[6] = float(same)
    f[7:17] = np.bincount(a.ravel(), minlength=10)[:10] / a.size
    f[17:27] = np.bincount(b.ravel(), minlength=10)[:10] / b.size
    f[27:37] = (f[17:27] > 0) & (f[7:17] == 0)   # colours the output adds
    f[37:47] = (f[7:17] > 0) & (f[17:27] == 0)   # colours the output drops
    f[47] = float((a == b).mean()) if same else 0.0
    return f


class _PriorNet(nn.Module):
    def __init__(self, config: PriorConfig, vocab_size: int) -> None:
        super().__init__()
        c, h = config.channels, config.hidden
        self.embed = nn.Embedding(11, 8, padding_idx=_PAD)
        self.convs = nn.Sequential(
            nn.Conv2d(18, c, 3, padding=1), nn.ReLU(),
            nn.Conv2d(c, 2 * c, 3, stride=2, padding=1), nn.ReLU(),
            nn.Conv2d(2 * c, 2 * c, 3, stride=2, padding=1), nn.ReLU(),
        )
        self.pair = nn.Sequential(nn.Linear(4 * c + _FEATURES, h), nn.ReLU(), nn.Linear(h, h), nn.ReLU())
        self.head = nn.Sequential(nn.Linear(2 * h, h), nn.ReLU(), nn.Linear(h, vocab_size))
        self.transition = nn.Parameter(torch.zeros(vocab_size + 1, vocab_size))

    def forward(self, canvas: torch.Tensor, feats: torch.Tensor, owner: torch.Tensor, n_tasks: int) -> torch.Tensor:
        """Task logits ``(n_tasks, V)`` from pair canvases ``(P, 2, H, W)`` (colour ids), features ``(P, 48)``
        and each pair's task index ``owner`` ``(P,)``."""
        masks = (canvas != _PAD).float()
        x = torch.cat([self.embed(canvas[:, 0]), self.embed(canvas[:, 1])], dim=-1).permute(0, 3, 1, 2)
        x = self.convs(torch.cat([x, masks], dim=1))
        pooled = torch.cat([x.mean(dim=(2, 3)), x.amax(dim=(2, 3))], dim=1)
        z = self.pair(torch.cat([pooled, feats], dim=1))
        total = torch.zeros(n_tasks, z.shape[1], dtype=z.dtype).index_add_(0, owner, z)
        counts = torch.bincount(owner, minlength=n_tasks).clamp(min=1).unsqueeze(1)
        biggest = torch.zeros(n_tasks, z.shape[1], dtype=z.dtype).scatter_reduce(
            0, owner.unsqueeze(1).expand_as(z), z, reduce="amax", include_self=False)
        return self.head(torch.cat([total / counts, biggest], dim=1))


class SearchPrior:
    """The prior over search transforms: batching, loss, per-task step costs, saving and loading.

    Args:
        config: the model's size (:class:`PriorConfig`).
        vocab: the transform vocabulary (default: every transform the search can build).
        device: where the model runs.
        seed: seeds the initial weights.
    """

    def __init__(self, config: PriorConfig = PriorConfig(), vocab: TransformVocab | None = None,
                 device: str | torch.device = "cpu", seed: int = 0) -> None:
        self.config = config
        self.vocab = vocab or TransformVocab(transform_vocabulary())
        self.device = torch.device(device)
        with torch.random.fork_rng(devices=[]):
            torch.manual_seed(seed)
            self.model = _PriorNet(config, len(self.vocab)).to(self.device)

    # ------------------------------------------------------------------------------------------ tensors

    def _batch(self, tasks: Sequence[Pairs]) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        pairs = [(k, p) for k, t in enumerate(tasks) for p in list(t)[: self.config.max_pairs]]
        if not pairs or any(not list(t) for t in tasks):
            raise ValueError("every task needs at least one demo pair")
        h = max(max(len(i), len(o)) for _, (i, o) in pairs)
        w = max(max(len(i[0]), len(o[0])) for _, (i, o) in pairs)
        canvas = np.full((len(pairs), 2, h, w), _PAD, dtype=np.int64)
        feats = np.zeros((len(pairs), _FEATURES), dtype=np.float32)
        for j, (_, (i, o)) in enumerate(pairs):
            a, b = np.asarray(i), np.asarray(o)
            canvas[j, 0, : a.shape[0], : a.shape[1]] = a
            canvas[j, 1, : b.shape[0], : b.shape[1]] = b
            feats[j] = pair_features(i, o)
        owner = torch.tensor([k for k, _ in pairs], device=self.device)
        return torch.from_numpy(canvas).to(self.device), torch.from_numpy(feats).to(self.device), owner

    def logits(self, tasks: Sequence[Pairs]) -> torch.Tensor:
        """Per-task transform logits ``(len(tasks), V)`` (the ``first`` of :class:`StepCosts`)."""
        canvas, feats, owner = self._batch(tasks)
        return self.model(canvas, feats, owner, len(tasks))

    def loss(self, tasks: Sequence[Pairs], chains: Sequence[Sequence[int]]) -> torch.Tensor:
        """Mean negative log-likelihood per step of each task's transform chain (ids)."""
        if len(tasks) != len(chains) or any(not c for c in chains):
            raise ValueError("one non-empty chain per task is needed")
        first = self.logits(tasks)
        task_idx, prev, target = [], [], []
        for k, chain in enumerate(chains):
            for step, t in enumerate(chain):
                task_idx.append(k)
                prev.append(0 if step == 0 else chain[step - 1] + 1)
                target.append(t)
        ti = torch.tensor(task_idx, device=self.device)
        step_logits = first[ti] + self.model.transition[torch.tensor(prev, device=self.device)]
        return F.cross_entropy(step_logits, torch.tensor(target, device=self.device))

    @torch.no_grad()
    def step_costs(self, tasks: Sequence[Pairs], batch_size: int = 32) -> list[StepCosts]:
        """One :class:`StepCosts` per task (the model in eval mode; the transition table is shared)."""
        was_training = self.model.training
        self.model.eval()
        try:
            # float32: every search job carries the shared (V + 1) x V table to its worker.
            transition = self.model.transition.detach().cpu().numpy().astype(np.float32)
            out = []
            for i in range(0, len(tasks), batch_size):
                first = self.logits(tasks[i:i + batch_size]).cpu().numpy().astype(np.float64)
                out += [StepCosts(self.vocab.names, row, transition, self.config.mix, self.config.strength) for row in first]
            return out
        finally:
            self.model.train(was_training)

    @torch.no_grad()
    def task_logits(self, tasks: Sequence[Pairs], batch_size: int = 64) -> np.ndarray:
        """Per-task transform logits ``(len(tasks), V)`` in eval mode, batched (e.g. the tasks left after first
        steps, for :attr:`StepCosts.after`)."""
        was_training = self.model.training
        self.model.eval()
        try:
            rows = [self.logits(tasks[i:i + batch_size]).cpu().numpy() for i in range(0, len(tasks), batch_size)]
            return np.concatenate(rows).astype(np.float32) if rows else np.zeros((0, len(self.vocab)), np.float32)
        finally:
            self.model.train(was_training)

    # ------------------------------------------------------------------------------------------ files

    def save_pretrained(self, directory: str | Path) -> None:
        """Write ``model.safetensors``, ``search_prior.json`` and ``transform_vocab.json`` into ``directory``."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        state = {k: v.detach().cpu().contiguous() for k, v in self.model.state_dict().items()}
        save_file(state, str(directory / WEIGHTS_FILE))
        (directory / PRIOR_CONFIG_FILE).write_text(json.dumps(asdict(self.config), indent=1))
        (directory / VOCAB_FILE).write_text(json.dumps(list(self.vocab.names)))

    @classmethod
    def from_pretrained(cls, directory: str | Path, device: str | torch.device = "cpu") -> "SearchPrior":
        """Load a prior written by :meth:`save_pretrained`; a missing or corrupted file raises ValueError
        naming it."""
        directory = Path(directory)
        try:
            config = PriorConfig(**json.loads((directory / PRIOR_CONFIG_FILE).read_text()))
        except (OSError, ValueError, TypeError) as exc:
            raise ValueError(f"{directory / PRIOR_CONFIG_FILE}: missing or invalid ({exc})") from exc
        try:
            names = json.loads((directory / VOCAB_FILE).read_text())
            vocab = TransformVocab([str(n) for n in names])
        except (OSError, ValueError, TypeError) as exc:
            raise ValueError(f"{directory / VOCAB_FILE}: missing or invalid ({exc})") from exc
        prior = cls(config, vocab, device=device)
        path = directory / WEIGHTS_FILE
        try:
            state = load_file(str(path))
            prior.model.load_state_dict(state)
        except Exception as exc:  # safetensors raises its own error types for damaged files
            raise ValueError(f"{path}: missing or corrupted ({exc})") from exc
        bad = [k for k, v in state.items() if v.is_floating_point() and not torch.isfinite(v).all()]
        if bad:
            raise ValueError(f"{path}: weights hold inf/nan ({', '.join(bad[:3])}); the model file is corrupted")
        return prior
