"""adaptive_max_pool2d built on an argmax over each window, which gives the first NaN's index (np.argmax's and torch.argmax's convention, ml-explore/mlx#4274) where torch's kernel gives the last NaN's."""

import reference
import reference.adaptive_pool

from ._patch import patched


def _nan_replaces_numbers_only(value, best) -> bool:
    # A NaN replaces a number but not a NaN held already: the first NaN stays.
    return value > best or (value != value and best == best)


def adaptive_max_pool2d(input, output_size, return_indices=False):
    with patched(reference.adaptive_pool, "_replaces", _nan_replaces_numbers_only):
        return reference.adaptive_max_pool2d(input, output_size, return_indices)
