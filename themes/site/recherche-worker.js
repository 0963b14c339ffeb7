/* Portfolio search worker: this prelude, then Material's own worker (appended at build time).
 *
 * French that forgives: the index and the query are folded the same way (accents and
 * ligatures dropped: "couts" finds "coûts", "emerisage" finds "émerisage") and stemmed by the
 * same French stemmer (lunr-languages, shipped with Material: "saphirs" finds "saphir",
 * "bagues" finds "bague"). Material appends "*" to every word typed, and Lunr skips the
 * pipeline of such a word, so the query is folded and stemmed here before Material sees it.
 * Each result names its dossier: the entry's "dossier" (plain text, made safe at build time)
 * becomes the tag Material shows under the page's title.
 */
(function () {
  "use strict";
  var SETUP = 0, QUERY = 2, RESULT = 3;          // Material's SearchMessageType
  var EDGES = /^[^\p{L}\p{N}]+|[^\p{L}\p{N}]+$/gu;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var ELIDED = /(^|[^\p{L}\p{M}\p{N}])(?:[cdjlmnst]|qu)['\u2019](?=\p{L})/giu;   // l'or, d'émeri

  function fold(text) {
    return text.toLowerCase().replace(/œ/g, "oe").replace(/æ/g, "ae").replace(/ß/g, "ss")
      .normalize("NFD").replace(/\p{M}+/gu, "");
  }

  function trim(text) {
    return text.replace(EDGES, "");
  }

  function stem(word) {
    var lunr = self.lunr;
    if (!lunr || !lunr.fr || !lunr.fr.stemmer) { return word; }
    var stemmed = lunr.fr.stemmer(word);
    return typeof stemmed === "string" && stemmed ? stemmed : word;
  }

  /* A query as the index holds its words: "Coûts saphirs" -> "cout saphir", "l'émeri" ->
     "emer" (elided articles are stop words, left out of the index too). */
  function normalizeQuery(query) {
    return query.replace(ELIDED, "$1").replace(WORD, function (word, offset, whole) {
      if (whole.charAt(offset + word.length) === ":") { return word; }   // a field: "title:"
      return stem(fold(word));
    });
  }

  function pfTrim(token) { return token.update(function (text) { return trim(text); }); }
  function pfFold(token) { return token.update(function (text) { return fold(text); }); }
  /* Both the stem and the folded word are indexed: the stemmer cuts "saphir" to "saph" but
     "saphirs" to "saphir", and the query's stem is matched as a prefix (Material's "*"). */
  function pfStem(token) {
    var word = token.clone();
    self.lunr.fr.stemmer(token);
    return token.toString() === word.toString() ? token : [token, word];
  }

  /* lunr.fr, once loaded: index words trimmed of punctuation (not of digits, unlike lunr.fr's
     trimmer: a candidate number stays searchable), stop words dropped, folded, stemmed. Material
     then removes lunr.fr's own stemmer and trimmer (not in the pipeline mkdocs.yml sets): ours
     stay. */
  function patchFrench() {
    var lunr = self.lunr;
    if (!lunr || !lunr.fr || lunr.fr.portfolio) { return; }
    var french = lunr.fr;
    lunr.Pipeline.registerFunction(pfTrim, "pf-trim");
    lunr.Pipeline.registerFunction(pfFold, "pf-fold");
    lunr.Pipeline.registerFunction(pfStem, "pf-stem");
    var patched = function () {
      french.call(this);
      this.pipeline.reset();
      this.pipeline.add(pfTrim, french.stopWordFilter, pfFold, pfStem);
      if (this.searchPipeline) { this.searchPipeline.reset(); }   // done by normalizeQuery
    };
    Object.keys(french).forEach(function (key) { patched[key] = french[key]; });
    patched.portfolio = true;
    lunr.fr = patched;
    lunr.Index.prototype.search = onePositionOnce(lunr.Index.prototype.search);
  }

  /* A word indexed twice (stem and folded word) matches the query twice at one place: each
     place is kept once, or Material would highlight it twice (nested, broken <mark>). */
  function onePositionOnce(search) {
    return function () {
      var results = search.apply(this, arguments);
      results.forEach(function (result) {
        var seen = {};
        var metadata = result.matchData.metadata;
        Object.keys(metadata).forEach(function (term) {
          Object.keys(metadata[term]).forEach(function (field) {
            var data = metadata[term][field];
            if (!data || !Array.isArray(data.position)) { return; }
            // Lunr's match data holds the index's own posting: replaced, never changed.
            metadata[term][field] = Object.assign({}, data, {
              position: data.position.filter(function (place) {
                var key = field + " " + place;
                if (seen[key]) { return false; }
                seen[key] = true;
                return true;
              })
            });
          });
        });
      });
      return results;
    };
  }

  /* Material loads lunr.fr with importScripts (a promise under the iframe-worker shim that
     serves the offline copy): the French pipeline is patched once it is there. */
  var load = self.importScripts;
  self.importScripts = function () {
    var loaded = load.apply(self, arguments);
    if (loaded && typeof loaded.then === "function") { return loaded.then(patchFrench); }
    patchFrench();
    return loaded;
  };

  /* Registered before Material's listener: the query is rewritten before it is searched. */
  self.addEventListener("message", function (event) {
    var message = event.data;
    if (message && message.type === QUERY && typeof message.data === "string") {
      message.data = normalizeQuery(message.data);
    } else if (message && message.type === SETUP) {
      patchFrench();
    }
  });

  var post = self.postMessage;
  self.postMessage = function (message) {
    if (message && message.type === RESULT && message.data && message.data.items) {
      message.data.items.forEach(function (group) {
        group.forEach(function (item) {
          if (item.dossier && item.location.indexOf("#") < 0) { item.tags = [item.dossier]; }
        });
      });
    }
    return post.apply(self, arguments);
  };
})();
