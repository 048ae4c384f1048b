// Pause, play and step the movement figures (generator/site/figures/player.py writes the markup).
//
// The figures animate with CSS alone, so without this script they keep moving as they always
// did. The script shows the buttons and drives the same CSS animations through the Web
// Animations API: pausing freezes them where they are, stepping seeks every view of the figure
// to the middle of a pose's hold, so all views show one pose. With reduced motion and in print
// the stylesheet shows the strip of named poses instead and hides the buttons.
(function () {
  "use strict";

  function setUp(player) {
    var stage = player.querySelector(".bc-player-stage");
    var controls = player.querySelector(".bc-player-controls");
    if (!stage || !controls || typeof stage.getAnimations !== "function") {
      return; // an older browser: the CSS animation plays on, with no buttons to promise more
    }
    var names = JSON.parse(player.getAttribute("data-poses") || "[]");
    // [arrive, leave] in percent of one way through the animation, for every pose
    var holds = JSON.parse(player.getAttribute("data-holds") || "[]");
    if (names.length < 2 || holds.length !== names.length) {
      return;
    }
    var play = controls.querySelector(".bc-player-play");
    var prev = controls.querySelector(".bc-player-prev");
    var next = controls.querySelector(".bc-player-next");
    var status = controls.querySelector(".bc-player-status");
    var playing = true;
    var pose = 0; // the pose last stepped to, or the nearest one when paused mid-movement

    function animations() {
      return stage.getAnimations({ subtree: true });
    }

    // The duration of one way; the animation alternates, so a whole rep takes twice as long.
    function oneWay(anim) {
      var timing = anim.effect && anim.effect.getComputedTiming();
      return timing && timing.duration > 0 ? timing.duration : 0;
    }

    // Where the figure is, as percent of the way from the first pose to the last.
    function progress() {
      var anims = animations();
      if (!anims.length) {
        return holds[pose][0];
      }
      var d = oneWay(anims[0]);
      if (!d) {
        return holds[pose][0];
      }
      var t = (anims[0].currentTime || 0) % (2 * d);
      return 100 * (t < d ? t / d : 2 - t / d);
    }

    function nearest(pct) {
      var best = 0;
      for (var i = 0; i < holds.length; i++) {
        var mid = (holds[i][0] + holds[i][1]) / 2;
        var bestMid = (holds[best][0] + holds[best][1]) / 2;
        if (Math.abs(mid - pct) < Math.abs(bestMid - pct)) {
          best = i;
        }
      }
      return best;
    }

    function say(text) {
      status.textContent = text;
    }

    function describe(i) {
      return "Pose " + (i + 1) + " of " + names.length + ": " + names[i];
    }

    function setPlaying(on) {
      playing = on;
      play.setAttribute("aria-pressed", on ? "true" : "false");
      player.classList.toggle("bc-player--paused", !on);
    }

    function pause() {
      animations().forEach(function (anim) {
        anim.pause();
      });
      setPlaying(false);
    }

    function show(i) {
      pose = (i + names.length) % names.length;
      var at = (holds[pose][0] + holds[pose][1]) / 2;
      animations().forEach(function (anim) {
        anim.pause();
        anim.currentTime = (oneWay(anim) * at) / 100;
      });
      setPlaying(false);
      say(describe(pose));
    }

    play.addEventListener("click", function () {
      if (playing) {
        pause();
        pose = nearest(progress());
        say("Paused near " + names[pose] + ", pose " + (pose + 1) + " of " + names.length);
      } else {
        animations().forEach(function (anim) {
          anim.play();
        });
        setPlaying(true);
        say("Playing");
      }
    });
    prev.addEventListener("click", function () {
      show(playing ? nearest(progress()) - 1 : pose - 1);
    });
    next.addEventListener("click", function () {
      show(playing ? nearest(progress()) + 1 : pose + 1);
    });
    // The arrow keys step too while any of the buttons has the focus.
    controls.addEventListener("keydown", function (event) {
      if (event.key === "ArrowLeft" || event.key === "ArrowRight") {
        event.preventDefault();
        (event.key === "ArrowLeft" ? prev : next).click();
      }
    });

    controls.hidden = false;
    player.classList.add("bc-player--ready");
  }

  var players = document.querySelectorAll(".bc-player");
  for (var i = 0; i < players.length; i++) {
    setUp(players[i]);
  }
})();
