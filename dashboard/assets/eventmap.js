/* Marker drawing for the eventmap dashboard: one shape and colour per ACLED event type,
   a halo for approximate places, count bubbles for server-side grid cells, shaded density squares.
   The Python side passes the per-type styles in the GeoJSON layer's `hideout`. */
window.eventmap = (function () {
    var SHAPES = {
        circle: '<circle cx="8" cy="8" r="6"/>',
        square: '<rect x="2.5" y="2.5" width="11" height="11"/>',
        triangle: '<polygon points="8,1.5 14.8,14 1.2,14"/>',
        diamond: '<polygon points="8,1 15,8 8,15 1,8"/>',
        star: '<polygon points="8,1 9.9,5.9 15,6.1 11,9.3 12.4,14.5 8,11.6 3.6,14.5 5,9.3 1,6.1 6.1,5.9"/>',
        cross: '<polygon points="5.5,1 10.5,1 10.5,5.5 15,5.5 15,10.5 10.5,10.5 10.5,15 5.5,15 5.5,10.5 1,10.5 1,5.5 5.5,5.5"/>'
    };

    function styleOf(context, code) {
        var styles = context.hideout.styles;
        return styles[code] || styles[styles.length - 1];
    }

    function eventIcon(style, precision) {
        var svg = '<svg viewBox="0 0 16 16" width="16" height="16" fill="' + style[0] +
            '" stroke="#222" stroke-width="1">' + (SHAPES[style[1]] || SHAPES.circle) + '</svg>';
        return L.divIcon({
            html: svg, className: 'em-event em-precision-' + precision,
            iconSize: [16, 16], iconAnchor: [8, 8]
        });
    }

    function cellIcon(style, count) {
        var size = Math.round(22 + 7 * Math.log10(count));
        var label = count >= 10000 ? Math.round(count / 1000) + 'k' :
            count >= 1000 ? (count / 1000).toFixed(1) + 'k' : String(count);
        return L.divIcon({
            html: '<div style="background:' + style[0] + ';width:' + size + 'px;height:' + size +
                'px;line-height:' + size + 'px">' + label + '</div>',
            className: 'em-cell', iconSize: [size, size], iconAnchor: [size / 2, size / 2]
        });
    }

    function pointToLayer(feature, latlng, context) {
        var p = feature.properties;
        var style = styleOf(context, p.t);
        if (p.kind === 'cell') {
            return L.marker(latlng, {icon: cellIcon(style, p.n), title: p.n + ' events'});
        }
        return L.marker(latlng, {icon: eventIcon(style, p.p), keyboard: false});
    }

    function densityStyle(feature) {
        var level = feature.properties.level;
        var hue = Math.round(60 - 60 * level);
        return {
            stroke: false, fillOpacity: 0.25 + 0.5 * level,
            fillColor: 'hsl(' + hue + ', 95%, ' + Math.round(60 - 20 * level) + '%)'
        };
    }

    function outlineStyle(feature, context) {
        return context.hideout;
    }

    return {pointToLayer: pointToLayer, densityStyle: densityStyle, outlineStyle: outlineStyle};
})();
