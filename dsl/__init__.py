"""A typed straight-line DSL for ARC grids: values, primitives, programs, parser, types, interpreter, tokens.

Importing ``dsl`` registers every primitive and constant. The public pieces::

    parse_program / print_program      program text <-> Program (strict grammar, canonical printing)
    typecheck                          line types; the output must be a Grid
    compile_program / run_program      the interpreter, under call and wall-clock budgets
    Vocabulary / GrammarState          program tokens and the legal-next-token state
"""

from dsl import primitives  # noqa: F401  (fills the registry)
from dsl.grammar import GrammarState, IllegalTokenError, sample_program_tokens
from dsl.interpreter import ERROR_KINDS, CompiledProgram, RunResult, compile_program, run_program
from dsl.program import Line, Program, Ref
from dsl.registry import CONSTANTS, PRIMITIVES
from dsl.text import ParseError, parse_program, print_program
from dsl.tokens import Vocabulary
from dsl.typecheck import TypeCheckError, typecheck

__all__ = [
    "CONSTANTS", "ERROR_KINDS", "PRIMITIVES", "CompiledProgram", "GrammarState", "IllegalTokenError", "Line",
    "ParseError", "Program", "Ref", "RunResult", "TypeCheckError", "Vocabulary", "compile_program",
    "parse_program", "print_program", "run_program", "sample_program_tokens", "typecheck",
]
