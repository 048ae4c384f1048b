"""The vocabulary of a movement figure: joints, their allowed ranges and the props.

The exercise schema (generator/content/schema.py) reads these, so the validator, the JSON Schema
and the field reference all agree with the drawing code.

The figure is seen from its right side and faces +x. Angles are degrees:

- ``trunk``: lean of the hip-to-shoulder line from vertical; + tips forward (90 = face down,
  horizontal), - tips backward (-90 = lying on the back, beyond -90 = shoulders below the hips,
  as at the top of a glute bridge).
- ``hip``: flexion of the thigh relative to the trunk line; 0 = straight, + = thigh forward.
- ``knee``: flexion; 0 = straight leg, + = heel toward buttock.
- ``ankle``: 0 = foot at a right angle to the shin; + = toes toward shin (dorsiflexion),
  - = pointing the toes (plantarflexion, the top of a calf raise).
- ``shoulder``: flexion of the upper arm relative to the trunk; 0 = hanging along the trunk,
  + = forward/up (180 = overhead), - = behind the body.
- ``elbow``: flexion; 0 = straight arm.
- ``neck``: flexion of the head relative to the trunk; + = chin down, - = looking up.

Optional angles that a side view cannot show (default 0), used by the front and rear views and
by the physical checks (generator/site/figures/body3d.py solves them in three dimensions):

- ``shoulder_abduction``: how far the arm swings out of the side-view plane to its own side;
  0 = in that plane (as ``shoulder`` alone draws it), 90 = straight out to the side. Measured
  from wherever ``shoulder`` points: arms hanging below a flat back (``shoulder`` ~ ``trunk``)
  that abduct 90 are out to the sides level with the back (the top of a rear delt fly); arms
  held forward (``shoulder`` 90) that abduct 90 are out to the sides at shoulder height (the end
  of a band pull-apart). Over 90 takes the arm behind that line.
- ``shoulder_rotation``: turns the plane the elbow bends in about the upper arm; 0 = as the
  side view bends it (toward the head when the arm hangs), + = outward (external rotation): 90
  with the arm at the side and the elbow bent 90 points the forearm out to the side, and with
  the upper arm out to the side turns the forearm toward the head (the W of a Y-T-W raise).
- ``shoulder_elevation``: the shoulder girdle raised toward the ears (a shrug), in degrees of
  collarbone lift: 30 raises the shoulder joint about 9 cm.
- ``hip_abduction``: the thigh out to its own side (a wide stance), like ``shoulder_abduction``.
- ``trunk_rotation``: the shoulders turned about the spine; + turns the chest toward the
  figure's right (the right shoulder goes back), as at the top of a right-arm row.

A pose may override the limb angles of one side with ``left:`` or ``right:`` (one-sided work:
a single-arm row's rowing arm, the free leg of a single-leg deadlift). The side view sees the
figure's right side: the right limbs are the near ones.
"""

JOINT_RANGES: dict[str, tuple[int, int]] = {
    "neck": (-60, 60),
    "trunk": (-120, 100),
    "hip": (-30, 140),
    "knee": (0, 150),
    "ankle": (-50, 35),
    "shoulder": (-60, 180),
    "elbow": (0, 150),
}

JOINTS: tuple[str, ...] = tuple(JOINT_RANGES)

# Optional angles (default 0); see the module docstring.
EXTRA_JOINT_RANGES: dict[str, tuple[int, int]] = {
    "shoulder_abduction": (-30, 180),
    "shoulder_rotation": (-90, 120),
    "shoulder_elevation": (0, 40),
    "hip_abduction": (-20, 60),
    "trunk_rotation": (-60, 60),
}

EXTRA_JOINTS: tuple[str, ...] = tuple(EXTRA_JOINT_RANGES)

# The angles of one arm and one leg: what a pose's ``left:`` or ``right:`` may override.
LIMB_JOINTS: tuple[str, ...] = (
    "hip", "knee", "ankle", "shoulder", "elbow", "shoulder_abduction", "shoulder_rotation",
    "shoulder_elevation", "hip_abduction",
)

SIDES: tuple[str, ...] = ("right", "left")

ALL_RANGES: dict[str, tuple[int, int]] = {**JOINT_RANGES, **EXTRA_JOINT_RANGES}

# side: seen from the figure's right (the figure faces right); front: facing the reader;
# rear: from behind.
VIEWS: tuple[str, ...] = ("side", "front", "rear")

# pull-up-bar: the figure hangs from a fixed bar (its hands stay on the bar, its feet leave the
# floor); band: anchored where the moving end (hands, or the head) points at the start; cable:
# a pulley where the band's anchor would be, a cable from it and a handle in the hands.
PROPS: tuple[str, ...] = (
    "barbell", "dumbbells", "kettlebell", "band", "cable", "bench", "mat", "pull-up-bar",
)


def side_joints(joints: dict, pose: dict, side: str) -> dict[str, float]:
    """Every angle of one side of a pose: the shared ``joints`` (extras default 0), then the
    side's overrides."""
    out = {j: float(joints.get(j, 0)) for j in ALL_RANGES}
    for j, v in (pose.get(side) or {}).items():
        out[j] = float(v)
    return out
