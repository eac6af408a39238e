// A Swagger UI plugin that shows each operation's `x-codeSamples` (curl, Node, Python) as tabs
// under its parameters — the same samples any other OpenAPI renderer would show.
window.RenderowlCodeSamples = function (system) {
  var React = system.React;
  var h = React.createElement;

  function Samples(props) {
    var samples = props.samples;
    var state = React.useState(0);
    var current = state[0], setCurrent = state[1];
    return h('div', {className: 'opblock-section code-samples'},
      h('div', {className: 'opblock-section-header'}, h('h4', {className: 'opblock-title'}, 'Code samples')),
      h('div', {className: 'samples', role: 'region'},
        h('div', {role: 'tablist'}, samples.map(function (sample, i) {
          return h('button', {key: i, role: 'tab', type: 'button', 'aria-selected': i === current ? 'true' : 'false',
                              'data-lang': sample.lang, onClick: function () { setCurrent(i); }}, sample.label);
        })),
        h('pre', {role: 'tabpanel', 'data-lang': samples[current].lang},
          h('code', null, samples[current].source))));
  }

  return {
    wrapComponents: {
      parameters: function (Original) {
        return function (props) {
          var raw = props.operation && props.operation.get && props.operation.get('x-codeSamples');
          var samples = raw && raw.toJS ? raw.toJS() : [];
          var original = h(Original, props);
          if (!samples.length) return original;
          return h('div', null, original, h(Samples, {samples: samples}));
        };
      }
    }
  };
};
